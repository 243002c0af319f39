package io.wirewatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.vaadin.flow.router.Route;
import org.junit.jupiter.api.Test;

/** Keeps the dependency directions of DESIGN.md: feed → alert ← admin, and alert knows no UI or feed. */
class ArchitectureTest {

    private static final JavaClasses PRODUCTION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.wirewatch");

    @Test
    void the_alert_core_knows_nothing_of_feeds_admin_or_vaadin_components() {
        noClasses().that().resideInAPackage("io.wirewatch.alert")
                .should().dependOnClassesThat().resideInAnyPackage("io.wirewatch.feed..", "io.wirewatch.admin..",
                        "io.wirewatch.security..", "com.vaadin.flow.component..", "com.vaadin.flow.router..")
                .check(PRODUCTION);
    }

    @Test
    void feeds_do_not_reach_into_any_user_interface() {
        noClasses().that().resideInAPackage("io.wirewatch.feed..")
                .should().dependOnClassesThat().resideInAnyPackage("..ui..", "com.vaadin.flow.component..")
                .check(PRODUCTION);
    }

    @Test
    void views_live_in_ui_packages_and_only_the_login_view_is_public() {
        classes().that().areAnnotatedWith(Route.class)
                .should().resideInAPackage("..ui..")
                .check(PRODUCTION);
        // The security configuration names the login view; no other view is part of any API.
        classes().that().areAnnotatedWith(Route.class).and().doNotHaveSimpleName("LoginView")
                .should().notBePublic()
                .check(PRODUCTION);
    }
}
