package io.wirewatch.alert.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.dom.Element;
import io.wirewatch.alert.Alert;
import java.time.Instant;

/**
 * One alert as a card component: a line of labels (priority, badges, category, source, symbols,
 * time), the headline (a link when the alert has one) and the summary. The admin's preview uses it;
 * the news list shows the same markup without a component per card ({@link CardList}). Its content
 * is the markup {@link CardMarkup} renders, so feed text reaches it only escaped.
 */
public class AlertCard extends Component {

    private final Alert alert;

    public AlertCard(Alert alert, Instant now) {
        this(CardMarkup.SHARED.render(alert, now));
    }

    private AlertCard(CardMarkup.Rendered rendered) {
        // The element is handed over, not named by a @Tag: no annotation lookup per card and tab.
        super(new Element("div"));
        this.alert = rendered.alert();
        getElement().setProperty("innerHTML", rendered.html());
    }

    public Alert alert() {
        return alert;
    }

    /** The card's markup, as the browser receives it. */
    public String html() {
        return getElement().getProperty("innerHTML", "");
    }
}
