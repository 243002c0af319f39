package io.wirewatch.alert.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import io.wirewatch.alert.AlertQuery;
import io.wirewatch.alert.Category;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reader's filter: one toggle chip per category (none pressed means all) and a keyword box.
 * Tells listeners the new {@link AlertQuery} whenever the reader changes either.
 */
public class AlertFilter extends Div {

    private final Map<Category, Button> chips = new LinkedHashMap<>();
    private final Div chipRow = new Div();
    private final TextField keyword = new TextField();
    private final Set<Category> selected = new TreeSet<>();

    public AlertFilter() {
        addClassName("alert-filter");
        chipRow.addClassName("chips");
        chipRow.getElement().setAttribute("role", "group");
        chipRow.getElement().setAttribute("aria-label", "Categories");
        Category.KNOWN.forEach(this::addChip);

        keyword.setPlaceholder("Keyword, e.g. fed");
        keyword.setAriaLabel("Keyword");
        keyword.setPrefixComponent(VaadinIcon.SEARCH.create());
        keyword.setClearButtonVisible(true);
        keyword.setMaxLength(AlertQuery.KEYWORD_MAX);
        keyword.setValueChangeMode(ValueChangeMode.LAZY);
        keyword.addValueChangeListener(event -> {
            if (event.isFromClient()) {
                fireEvent(new FilterChangeEvent(this, true));
            }
        });
        add(chipRow, keyword);
    }

    private Button addChip(Category category) {
        Button chip = new Button(category.label());
        chip.addThemeVariants(ButtonVariant.LUMO_SMALL);
        chip.addClassName("chip");
        chip.getElement().setAttribute("aria-pressed", "false");
        chip.addClickListener(click -> {
            if (!selected.remove(category)) {
                selected.add(category);
            }
            showPressed(category);
            fireEvent(new FilterChangeEvent(this, true));
        });
        chips.put(category, chip);
        chipRow.add(chip);
        return chip;
    }

    private void showPressed(Category category) {
        Button chip = chips.get(category);
        boolean pressed = selected.contains(category);
        chip.getElement().setAttribute("aria-pressed", Boolean.toString(pressed));
        if (pressed) {
            chip.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        } else {
            chip.removeThemeVariants(ButtonVariant.LUMO_PRIMARY);
        }
    }

    public AlertQuery getQuery() {
        return new AlertQuery(selected, keyword.getValue());
    }

    /** Shows a query (from the URL, say) without telling listeners. Unknown categories get a chip. */
    public void setQuery(AlertQuery query) {
        selected.clear();
        selected.addAll(query.categories());
        query.categories().stream().filter(category -> !chips.containsKey(category)).forEach(this::addChip);
        chips.keySet().forEach(this::showPressed);
        keyword.setValue(query.keyword());
    }

    public Registration addFilterChangeListener(ComponentEventListener<FilterChangeEvent> listener) {
        return addListener(FilterChangeEvent.class, listener);
    }

    /** The reader changed the filter; read it with {@link #getQuery()}. */
    public static class FilterChangeEvent extends ComponentEvent<AlertFilter> {
        FilterChangeEvent(AlertFilter source, boolean fromClient) {
            super(source, fromClient);
        }

        public AlertQuery getQuery() {
            return getSource().getQuery();
        }
    }
}
