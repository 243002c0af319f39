package io.wirewatch.admin.ui;

import com.vaadin.flow.component.ComponentEvent;
import com.vaadin.flow.component.ComponentEventListener;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.radiobutton.RadioButtonGroup;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.binder.Binder;
import com.vaadin.flow.data.binder.ValidationResult;
import com.vaadin.flow.data.binder.Validator;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.shared.Registration;
import io.wirewatch.admin.TestAlertDraft;
import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertRule;
import io.wirewatch.alert.Category;
import io.wirewatch.alert.Priority;
import io.wirewatch.alert.ui.AlertCard;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The test alert form: fields with the model's limits and messages, a live preview that is the very
 * card readers will see, and a send button that hands a valid draft to listeners.
 */
class TestAlertForm extends Div {

    /** The form's mutable state, bound field by field. */
    static final class DraftBean {
        private String headline = "";
        private String summary = "";
        private String category = Category.GENERAL.key();
        private Priority priority = Priority.NORMAL;
        private String url = "";

        TestAlertDraft toDraft() {
            return new TestAlertDraft(headline, summary, category, priority, url);
        }

        String getHeadline() { return headline; }
        void setHeadline(String headline) { this.headline = headline; }
        String getSummary() { return summary; }
        void setSummary(String summary) { this.summary = summary; }
        String getCategory() { return category; }
        void setCategory(String category) { this.category = category; }
        Priority getPriority() { return priority; }
        void setPriority(Priority priority) { this.priority = priority; }
        String getUrl() { return url; }
        void setUrl(String url) { this.url = url; }
    }

    final TextField headline = new TextField("Headline");
    final TextArea summary = new TextArea("Summary");
    final ComboBox<String> category = new ComboBox<>("Category");
    final RadioButtonGroup<Priority> priority = new RadioButtonGroup<>("Priority");
    final TextField url = new TextField("Link (optional)");
    final Button send = new Button("Send test alert");
    private final Div preview = new Div();
    private final Binder<DraftBean> binder = new Binder<>();
    private final List<String> categories = new ArrayList<>(Category.KNOWN.stream().map(Category::key).toList());
    private final Clock clock;
    private DraftBean bean = new DraftBean();

    TestAlertForm(Clock clock) {
        this.clock = clock;
        addClassName("test-alert-form");

        // The fields' own checks run before the binder's; they speak with the model's messages too.
        headline.setI18n(new TextField.TextFieldI18n()
                .setMaxLengthErrorMessage(AlertRule.HEADLINE_TOO_LONG.message())
                .setRequiredErrorMessage(AlertRule.HEADLINE_REQUIRED.message()));
        summary.setI18n(new TextArea.TextAreaI18n().setMaxLengthErrorMessage(AlertRule.SUMMARY_TOO_LONG.message()));
        url.setI18n(new TextField.TextFieldI18n().setMaxLengthErrorMessage(AlertRule.URL_TOO_LONG.message()));
        headline.setId("test-alert-headline");
        summary.setId("test-alert-summary");
        category.setId("test-alert-category");
        url.setId("test-alert-url");
        send.setId("send-test-alert");
        headline.setMaxLength(AlertRule.HEADLINE_MAX);
        headline.setRequiredIndicatorVisible(true);
        headline.setValueChangeMode(ValueChangeMode.EAGER);
        summary.setMaxLength(AlertRule.SUMMARY_MAX);
        summary.setValueChangeMode(ValueChangeMode.LAZY);
        category.setItems(categories);
        category.setAllowCustomValue(true);
        category.setItemLabelGenerator(TestAlertForm::categoryLabel);
        category.setHelperText("Pick one or type a new one");
        category.addCustomValueSetListener(typed -> {
            String key = typed.getDetail().strip();
            if (TestAlertDraft.categoryProblem(key).isEmpty() && !categories.contains(Category.of(key).key())) {
                categories.add(Category.of(key).key());
                category.setItems(categories);
            }
            category.setValue(TestAlertDraft.categoryProblem(key).isEmpty() ? Category.of(key).key() : key);
        });
        priority.setItems(Priority.values());
        priority.setItemLabelGenerator(Priority::label);
        url.setMaxLength(AlertRule.URL_MAX);
        url.setPlaceholder("https://");
        url.setValueChangeMode(ValueChangeMode.LAZY);

        binder.forField(headline).withValidator(rule(AlertRule::checkHeadline))
                .bind(DraftBean::getHeadline, DraftBean::setHeadline);
        binder.forField(summary).withValidator(rule(AlertRule::checkSummary))
                .bind(DraftBean::getSummary, DraftBean::setSummary);
        binder.forField(category).withValidator(problem(TestAlertDraft::categoryProblem))
                .bind(DraftBean::getCategory, DraftBean::setCategory);
        binder.forField(priority).asRequired("Choose a priority").bind(DraftBean::getPriority, DraftBean::setPriority);
        binder.forField(url).withValidator(rule(value -> AlertRule.checkUrl(value.isBlank() ? null : value.strip())))
                .bind(DraftBean::getUrl, DraftBean::setUrl);
        binder.setBean(bean);
        binder.addValueChangeListener(change -> showPreview());

        send.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        send.addClickListener(click -> {
            if (binder.validate().isOk()) {
                fireEvent(new SendEvent(this, bean.toDraft()));
            }
        });

        FormLayout fields = new FormLayout(headline, summary, category, priority, url);
        fields.setColspan(headline, 2);
        fields.setColspan(summary, 2);
        fields.setColspan(url, 2);
        preview.addClassName("preview");
        preview.setId("test-alert-preview");
        add(fields, send, preview);
        showPreview();
    }

    /** Clears what changes per alert, keeping category and priority for the next one. */
    void clearText() {
        DraftBean next = new DraftBean();
        next.setCategory(bean.getCategory());
        next.setPriority(bean.getPriority());
        bean = next;
        binder.setBean(bean);
        showPreview();
    }

    /** The card readers would see for the current input, if the input is valid. */
    Optional<AlertCard> previewCard() {
        return preview.getChildren().filter(AlertCard.class::isInstance).map(AlertCard.class::cast).findFirst();
    }

    private void showPreview() {
        preview.removeAll();
        TestAlertDraft draft = bean.toDraft();
        if (!draft.problems().isEmpty()) {
            Div hint = new Div();
            hint.addClassName("preview-hint");
            hint.setText("The preview of the card shows here once the headline is filled in and the form is valid.");
            preview.add(hint);
            return;
        }
        Alert alert = draft.toAlert("preview", clock.instant());
        preview.add(new AlertCard(alert, clock.instant()));
    }

    Registration addSendListener(ComponentEventListener<SendEvent> listener) {
        return addListener(SendEvent.class, listener);
    }

    /** The admin asked to send a valid draft. */
    static final class SendEvent extends ComponentEvent<TestAlertForm> {
        private final TestAlertDraft draft;

        SendEvent(TestAlertForm source, TestAlertDraft draft) {
            super(source, true);
            this.draft = draft;
        }

        TestAlertDraft draft() {
            return draft;
        }
    }

    private static String categoryLabel(String key) {
        try {
            return Category.of(key).label();
        } catch (IllegalArgumentException malformed) {
            return key;
        }
    }

    private static Validator<String> rule(Function<String, Optional<AlertRule>> check) {
        return (value, context) -> check.apply(value == null ? "" : value)
                .map(broken -> ValidationResult.error(broken.message())).orElse(ValidationResult.ok());
    }

    private static Validator<@Nullable String> problem(Function<@Nullable String, Optional<String>> check) {
        return (value, context) -> check.apply(value).map(ValidationResult::error).orElse(ValidationResult.ok());
    }
}
