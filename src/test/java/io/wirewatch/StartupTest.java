package io.wirewatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** Starting the real application the way an operator does, with and without an admin account. */
@ExtendWith(OutputCaptureExtension.class)
class StartupTest {

    private static final Pattern GENERATED = Pattern.compile("Generated admin password for user 'admin': (\\S{20})");
    private static final Pattern GENERATED_ANY = Pattern.compile("Generated admin password");

    /**
     * The settings go in as command-line arguments: {@code SpringApplicationBuilder.properties(..)} only sets
     * defaults, which application.properties ({@code server.port=${PORT:8080}}) overrides.
     */
    private static String[] arguments(String... extra) {
        return Stream.concat(Stream.of("--server.port=0", "--server.address=127.0.0.1",
                "--wirewatch.demo-feed.enabled=false"), Stream.of(extra).map(setting -> "--" + setting))
                .toArray(String[]::new);
    }

    private static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(Application.class);
    }

    private static List<String> lines(CapturedOutput output, Pattern pattern) {
        return output.getAll().lines().filter(line -> pattern.matcher(line).find()).toList();
    }

    @Test
    void in_prod_without_an_admin_account_start_up_fails_naming_the_property_to_set() {
        assertThatThrownBy(() -> {
            try (ConfigurableApplicationContext context = application().profiles("prod").run(arguments())) {
                assertThat(context.isRunning()).as("must not have started").isFalse();
            }
        }).rootCause().hasMessageContaining("wirewatch.admin.users[0].password-hash");
    }

    @Test
    void without_an_admin_account_outside_prod_one_password_is_generated_and_logged_once(CapturedOutput output) {
        try (ConfigurableApplicationContext context = application().run(arguments())) {
            assertThat(context.isRunning()).isTrue();
        }

        List<String> generated = lines(output, GENERATED);
        assertThat(generated).hasSize(1);
        assertThat(lines(output, GENERATED_ANY)).as("no other form of the message").hasSize(1);
        Matcher password = GENERATED.matcher(generated.getFirst());
        assertThat(password.find()).isTrue();
        assertThat(password.group(1)).hasSize(20).matches("[A-Za-z0-9]{20}");
    }

    @Test
    void with_a_configured_admin_account_no_password_is_generated(CapturedOutput output) {
        String hash = new BCryptPasswordEncoder().encode("configured-" + UUID.randomUUID());
        try (ConfigurableApplicationContext context = application().run(arguments(
                "wirewatch.admin.users[0].username=ops", "wirewatch.admin.users[0].password-hash=" + hash))) {
            assertThat(context.isRunning()).isTrue();
        }

        assertThat(lines(output, GENERATED_ANY)).isEmpty();
    }

    @Test
    void in_prod_with_a_configured_admin_account_the_application_starts(CapturedOutput output) {
        String hash = new BCryptPasswordEncoder().encode("configured-" + UUID.randomUUID());
        try (ConfigurableApplicationContext context = application().profiles("prod").run(arguments(
                "wirewatch.admin.users[0].username=ops", "wirewatch.admin.users[0].password-hash=" + hash))) {
            assertThat(context.isRunning()).isTrue();
            assertThat(context.getEnvironment().getActiveProfiles()).contains("prod");
        }

        assertThat(lines(output, GENERATED_ANY)).isEmpty();
    }
}
