package io.wirewatch.alert.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.ClientCallable;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.dom.Element;
import io.wirewatch.alert.Alert;
import io.wirewatch.base.ui.JsonText;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The tab's alert cards, newest first, with no server-side element per card.
 *
 * <p>Thousands of tabs receive every alert. As components, each card cost every tab a state node to
 * create, attach, collect and serialise: the larger part of a push's CPU. Here the server keeps only
 * which cards the tab shows (the alert and its shared markup from {@link CardMarkup}, in order), and
 * the browser's list follows it through one constant function per round trip, with the changes
 * since the last one as its arguments: cards to remove, cards whose markup changed, new cards for
 * the top, older cards for the bottom. The function is defined on the list's browser element when
 * the list is attached, so each push carries only a short call to it rather than its whole text
 * (about 30 % of a one-card push). It never contains feed text; the markup is escaped by
 * {@link CardMarkup}. When the list is attached (a new tab, or Vaadin's resynchronisation, which
 * re-attaches every component with a fresh browser element) it sends the whole list again.
 *
 * <p>Once the browser has drawn a whole list it sends one small request back ({@link #listDrawn}).
 * Vaadin keeps every tab's last answer until the tab's next request, in case the browser sends that
 * request again; a reader who only reads makes no next request, so the answer to the tab's
 * navigation (the whole view, about 18 KB) stayed in the server's memory for as long as the tab
 * was open. The small request's answer replaces it.
 */
public final class CardList extends Component implements HasStyle {

    /**
     * Defines the list's patch function on its browser element. Its parameters: $0: the whole list's
     * markup, or null to patch; $1: ids of cards to remove; $2: [id, markup] of cards to replace in
     * place; $3: markup to insert at the top; $4: markup to append at the bottom; $5: the live region
     * for announcements (or null); $6: the announcement, as text, or null.
     */
    private static final String DEFINE_PATCH = """
            this.wirewatchPatch = function($0, $1, $2, $3, $4, $5, $6) {
            const list = this;
            if ($5 && $6 !== null) $5.textContent = $6;
            if ($0 !== null) { list.innerHTML = $0; list.$server.listDrawn().catch(() => {}); return; }
            const card = (id) => list.querySelector('[data-alert-id="' + CSS.escape(id) + '"]');
            $1.forEach((id) => card(id)?.remove());
            $2.forEach(([id, html]) => { const old = card(id); if (old) old.outerHTML = html; });
            if ($3) list.insertAdjacentHTML('afterbegin', $3);
            if ($4) list.insertAdjacentHTML('beforeend', $4);
            };
            """;

    /** What each round trip sends: a call to the function {@link #DEFINE_PATCH} put on the element. */
    private static final String PATCH = "this.wirewatchPatch($0, $1, $2, $3, $4, $5, $6)";

    /**
     * No cards to insert. Like every argument, it goes to Vaadin as JSON already ({@link JsonText}):
     * Vaadin would otherwise convert each one through its object mapper, twice, in every tab, for
     * every push.
     */
    private static final JsonNode NO_MARKUP = JsonText.plain("");

    /** Shown cards by alert id, and their order (first is the top). */
    private final Map<String, CardMarkup.Rendered> shown = new HashMap<>();
    private final ArrayDeque<String> order = new ArrayDeque<>();

    /** What changed since the browser's list last matched: sent and cleared once per round trip. */
    private boolean resend;
    private final Set<String> removed = new LinkedHashSet<>();
    private final Set<String> replaced = new LinkedHashSet<>();
    private final Set<String> addedOnTop = new LinkedHashSet<>();
    private final Set<String> addedAtBottom = new LinkedHashSet<>();
    private boolean flushScheduled;
    /**
     * The tab the list is attached to, or null. Kept rather than looked up: every change asks for it,
     * and {@link #getUI()} walks up the component tree each time (about 7 % of a push's CPU).
     */
    private @Nullable UI ui;
    private @Nullable Element liveRegion;
    private @Nullable String announcement;

    public CardList() {
        super(new Element("div"));
    }

    /**
     * Where {@link #announce} writes: an {@code aria-live} element next to the list. Written by the
     * same script as the cards rather than as the element's text, which would cost every tab a new
     * text node on the server for every push.
     */
    public void announceIn(Element region) {
        this.liveRegion = region;
    }

    /** Tells screen readers about new cards with the next round trip; a later announcement replaces it. */
    public void announce(String text) {
        announcement = text;
        changed();
    }

    public int size() {
        return order.size();
    }

    public @Nullable Alert alert(String id) {
        CardMarkup.Rendered card = shown.get(id);
        return card == null ? null : card.alert();
    }

    /** The list's markup as the browser shows it after the next round trip: one article per card. */
    public String html() {
        StringBuilder html = new StringBuilder();
        order.forEach(id -> html.append(shown.get(id).html()));
        return html.toString();
    }

    /** Shows exactly these alerts, in this order. */
    public void showOnly(List<Alert> alerts, Instant now) {
        shown.clear();
        order.clear();
        for (Alert alert : alerts) {
            if (!shown.containsKey(alert.id())) {
                shown.put(alert.id(), CardMarkup.SHARED.render(alert, now));
                order.addLast(alert.id());
            }
        }
        resendAll();
    }

    /** Adds a card above all others; the alert must not be shown yet. */
    public void addOnTop(Alert alert, Instant now) {
        add(alert, now);
        order.addFirst(alert.id());
        addedOnTop.add(alert.id());
        changed();
    }

    /** Adds cards below all others, in this order; alerts already shown are skipped. */
    public void addAtBottom(List<Alert> alerts, Instant now) {
        for (Alert alert : alerts) {
            if (!shown.containsKey(alert.id())) {
                add(alert, now);
                order.addLast(alert.id());
                addedAtBottom.add(alert.id());
            }
        }
        changed();
    }

    /** Shows a newer version of a shown alert in its card's place. */
    public void replace(Alert newer, Instant now) {
        if (shown.replace(newer.id(), CardMarkup.SHARED.render(newer, now)) == null) {
            throw new IllegalArgumentException("not shown: " + newer.id());
        }
        if (!addedOnTop.contains(newer.id()) && !addedAtBottom.contains(newer.id())) {
            replaced.add(newer.id());
        }
        changed();
    }

    /** Removes the bottom card and returns its alert. */
    public Alert removeOldest() {
        String id = order.removeLast();
        Alert alert = shown.remove(id).alert();
        replaced.remove(id);
        if (!addedOnTop.remove(id) && !addedAtBottom.remove(id)) {
            removed.add(id);
        }
        changed();
        return alert;
    }

    public void clear() {
        showOnly(List.of(), Instant.EPOCH);
    }

    private void add(Alert alert, Instant now) {
        if (shown.putIfAbsent(alert.id(), CardMarkup.SHARED.render(alert, now)) != null) {
            throw new IllegalArgumentException("already shown: " + alert.id());
        }
    }

    /**
     * Called by the browser after it has drawn a whole list (the list script's first branch). Nothing
     * to do here: what matters is the request itself, whose small answer is what Vaadin keeps for the
     * tab from then on, in place of the answer to an earlier request (see the class comment). A
     * browser that calls it more often than that only sends requests it is allowed to send anyway.
     * The page ignores the call's outcome (Vaadin rejects its promise on a resynchronisation): a
     * call that fails costs only the memory it would have saved.
     */
    @ClientCallable
    void listDrawn() {
        // The request is the point; see above.
    }

    @Override
    protected void onAttach(AttachEvent event) {
        ui = event.getUI();
        // A fresh browser element (first attach, or resynchronisation): it has no patch function yet,
        // which this defines ahead of any patch in the same answer, knows none of the cards, and
        // shows exactly an empty list.
        getElement().executeJs(DEFINE_PATCH);
        if (order.isEmpty()) {
            forgetChanges();
        } else {
            resendAll();
        }
    }

    @Override
    protected void onDetach(DetachEvent event) {
        ui = null;
    }

    private void resendAll() {
        forgetChanges();
        resend = true;
        changed();
    }

    private void forgetChanges() {
        resend = false;
        removed.clear();
        replaced.clear();
        addedOnTop.clear();
        addedAtBottom.clear();
    }

    private void changed() {
        UI attachedTo = ui;
        if (flushScheduled || attachedTo == null) {
            return;
        }
        flushScheduled = true;
        // Registered on the UI, not on this list: for a component, Vaadin looks up its UI twice to
        // check it, walking up the component tree each time (about 7 % of a push's CPU). Vaadin runs
        // a component's callback only while it is attached; flush checks that itself.
        attachedTo.beforeClientResponse(attachedTo, context -> flush());
    }

    private void flush() {
        flushScheduled = false;
        if (ui == null) {
            // Detached since: nothing to patch. Attaching again sends the whole list (onAttach).
            return;
        }
        // The region goes only with an announcement: a patch never waits on it otherwise.
        @Nullable Element region = announcement == null ? null : liveRegion;
        @Nullable JsonNode said = announcement == null ? null : JsonText.plain(announcement);
        if (resend) {
            List<JsonText> all = new ArrayList<>(order.size());
            order.forEach(id -> all.add(shown.get(id).json()));
            getElement().executeJs(PATCH, JsonText.join(all), JsonText.array(List.of()), JsonText.array(List.of()),
                    NO_MARKUP, NO_MARKUP, region, said);
        } else if (!removed.isEmpty() || !replaced.isEmpty() || !addedOnTop.isEmpty() || !addedAtBottom.isEmpty()
                || announcement != null) {
            List<JsonNode> gone = new ArrayList<>(removed.size());
            removed.forEach(id -> gone.add(JsonText.plain(id)));
            List<JsonNode> replacements = new ArrayList<>(replaced.size());
            replaced.forEach(id -> replacements.add(
                    JsonText.array(List.of(JsonText.plain(id), shown.get(id).json().asArgument()))));
            getElement().executeJs(PATCH, null, JsonText.array(gone), JsonText.array(replacements),
                    markupOf(order.iterator(), addedOnTop.size(), false),
                    markupOf(order.descendingIterator(), addedAtBottom.size(), true), region, said);
        }
        forgetChanges();
        announcement = null;
    }

    /**
     * The markup of the first {@code count} cards from one end of the list, in the list's order.
     * Cards added at an end since the last round trip are exactly the ones nearest it: others are
     * only ever added further out, and removals take added cards out of their set too.
     */
    private JsonNode markupOf(Iterator<String> fromEnd, int count, boolean fromBottom) {
        if (count == 0) {
            return NO_MARKUP;
        }
        List<JsonText> cards = new ArrayList<>(count);
        while (cards.size() < count) {
            cards.add(shown.get(fromEnd.next()).json());
        }
        if (fromBottom) {
            Collections.reverse(cards);
        }
        return JsonText.join(cards);
    }
}
