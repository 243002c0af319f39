package io.wirewatch.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.server.WrappedHttpSession;
import io.micrometer.core.instrument.MeterRegistry;
import io.wirewatch.bench.VaadinTabClient;
import io.wirewatch.testing.Poll;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;

/**
 * Simulated browser tabs against the real server: a reader's session ends soon after its last tab
 * closes, not half an hour later, and a session with another tab still open is kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "wirewatch.demo-feed.enabled=false",
        "wirewatch.readers.session-grace=1s"})
class SessionReaperTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    private double openSessions() {
        return meters.get("wirewatch.sessions.open").gauge().value();
    }

    private VaadinTabClient tab(HttpClient http) {
        return new VaadinTabClient(http, URI.create("http://127.0.0.1:" + port + "/"), REQUEST_TIMEOUT);
    }

    @Test
    void a_session_ends_after_its_last_tab_closes_and_not_while_another_tab_is_open() throws Exception {
        HttpClient http = VaadinTabClient.sharedHttpClient();
        double before = openSessions();

        VaadinTabClient first = tab(http);
        first.open("/");
        VaadinTabClient second = tab(http).sameSessionAs(first);
        second.open("/?category=markets");
        assertThat(openSessions()).as("two tabs of one browser share a session").isEqualTo(before + 1);

        first.close();
        assertThat(Poll.within(Duration.ofSeconds(3), () -> openSessions() < before + 1))
                .as("the session outlives one of its tabs while the other is open").isFalse();

        second.close();
        Poll.until(Duration.ofSeconds(10), "the session ended after its last tab closed",
                () -> openSessions() == before);
    }

    /**
     * The check runs on the reaper's thread, where no user is current, so it reads the security
     * context Spring Security stored in the session: an admin's session is kept, a reader's is not.
     */
    @Test
    void a_session_counts_as_signed_in_only_with_a_real_user_stored_in_it() {
        assertThat(SessionReaper.signedIn(sessionWith(null))).as("nobody stored").isFalse();
        assertThat(SessionReaper.signedIn(sessionWith(new AnonymousAuthenticationToken("key", "anonymousUser",
                AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS"))))).as("anonymous").isFalse();
        assertThat(SessionReaper.signedIn(sessionWith(UsernamePasswordAuthenticationToken.authenticated("admin",
                null, List.of())))).as("signed in").isTrue();
        assertThat(SessionReaper.signedIn(sessionWith(UsernamePasswordAuthenticationToken.unauthenticated("admin",
                "wrong")))).as("a failed attempt").isFalse();
    }

    private static WrappedHttpSession sessionWith(@Nullable Authentication user) {
        MockHttpSession session = new MockHttpSession();
        if (user != null) {
            session.setAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY,
                    new SecurityContextImpl(user));
        }
        return new WrappedHttpSession(session);
    }
}
