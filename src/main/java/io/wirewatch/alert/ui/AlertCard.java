package io.wirewatch.alert.ui;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertAction;
import io.wirewatch.alert.Priority;
import java.time.Instant;

/**
 * One alert as a card: a line of labels (priority, category, source, symbols, time, badges), the
 * headline (a link when the alert has one) and the summary. Deliberately few elements, because a
 * tab holds up to {@link NewsView#MAX_CARDS} of them. All feed text is set as text.
 */
public class AlertCard extends Div {

    private final Alert alert;

    public AlertCard(Alert alert, Instant now) {
        this.alert = alert;
        addClassNames("alert-card", "priority-" + alert.priority().key());
        getElement().setAttribute("data-alert-id", alert.id());
        getElement().setAttribute("data-category", alert.category().key());
        getElement().setAttribute("data-revision", Integer.toString(alert.revision()));
        getElement().setAttribute("role", "article");

        Div meta = new Div();
        meta.addClassName("meta");
        if (alert.priority() != Priority.NORMAL) {
            meta.add(label(alert.priority().label(), "badge priority"));
        }
        if (alert.test()) {
            meta.add(label("Test", "badge test"));
        }
        if (alert.action() == AlertAction.UPDATED) {
            meta.add(label("Updated", "badge updated"));
        }
        if (alert.retracted()) {
            addClassName("retracted");
            meta.add(label("Retracted", "badge retracted"));
        }
        meta.add(label(alert.category().label(), "category"));
        meta.add(label(alert.source(), "source"));
        if (!alert.symbols().isEmpty()) {
            meta.add(label(String.join(" · ", alert.symbols()), "symbols"));
        }
        Span time = label(RelativeTime.between(alert.publishedAt(), now), "time");
        time.getElement().setAttribute("title", RelativeTime.EXACT.format(alert.publishedAt()));
        time.getElement().setAttribute("data-ts", Long.toString(alert.publishedAt().toEpochMilli()));
        meta.add(time);

        H3 headline = new H3();
        headline.addClassName("headline");
        if (alert.url() != null) {
            Anchor link = new Anchor(alert.url(), alert.headline());
            link.setTarget(AnchorTarget.BLANK);
            link.getElement().setAttribute("rel", "noopener noreferrer");
            headline.add(link);
        } else {
            headline.setText(alert.headline());
        }
        add(meta, headline);
        if (!alert.summary().isEmpty()) {
            Paragraph summary = new Paragraph(alert.summary());
            summary.addClassName("summary");
            add(summary);
        }
    }

    public Alert alert() {
        return alert;
    }

    private static Span label(String text, String classNames) {
        Span span = new Span(text);
        span.setClassName(classNames);
        return span;
    }
}
