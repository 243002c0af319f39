package io.wirewatch.alert.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.dom.Element;
import io.wirewatch.alert.Alert;
import java.time.Instant;

/**
 * One alert as a card: a line of labels (priority, badges, category, source, symbols, time), the
 * headline (a link when the alert has one) and the summary.
 *
 * <p>A tab holds up to {@link NewsView#MAX_CARDS_WITH_HISTORY} cards and thousands of tabs receive
 * the same alert, so a card is one server-side element whose content is markup rendered once per
 * alert and shared by every tab ({@link CardMarkup}). A component per label would cost every tab
 * about ten state nodes per card, and the server would build and serialise them once per tab. Feed
 * text reaches the markup only escaped, so it always shows as text.
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
