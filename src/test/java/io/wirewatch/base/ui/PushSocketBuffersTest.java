package io.wirewatch.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.server.communication.JSR356WebsocketInitializer;
import com.vaadin.flow.spring.SpringServlet;
import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertBroadcaster;
import io.wirewatch.bench.VaadinTabClient;
import io.wirewatch.testing.Poll;
import io.wirewatch.testing.TestAlerts;
import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.Buffer;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.atmosphere.cpr.AtmosphereFramework;
import org.atmosphere.cpr.AtmosphereResourceImpl;
import org.atmosphere.websocket.WebSocket;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.web.context.WebApplicationContext;

/**
 * An open tab's push socket, in the default configuration (demo feed on): it holds small buffers
 * and still gets alerts larger than them.
 *
 * <p>What the buffers cost per tab is measured by the benchmark (bench/NOTES.md, finding 10); this
 * checks that the settings reach the sockets. Before them, the demo feed's configuration made Tomcat
 * give every server socket 64 KiB receive buffers (192 KB per tab), and Atmosphere gave each push
 * socket two 16 384-element buffers it never uses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "wirewatch.alerts.store=memory"})
class PushSocketBuffersTest {

    @LocalServerPort
    int port;

    @Autowired
    WebApplicationContext context;

    @Autowired
    List<ServletRegistrationBean<?>> servlets;

    @Autowired
    AlertBroadcaster broadcaster;

    @Test
    void an_open_tab_holds_small_socket_buffers_and_still_gets_an_alert_larger_than_them() throws Exception {
        String word = "buffers" + UUID.randomUUID().toString().substring(0, 8);
        try (VaadinTabClient tab = new VaadinTabClient(VaadinTabClient.sharedHttpClient(),
                URI.create("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(10))) {
            tab.open("/?q=" + word);

            ServletContext servletContext = Objects.requireNonNull(context.getServletContext());
            ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
            assertThat(container.getDefaultMaxTextMessageBufferSize())
                    .as("Tomcat's text receive buffer for a new socket").isEqualTo(PushConfiguration.INITIAL_RECEIVE_BUFFER);
            assertThat(container.getDefaultMaxBinaryMessageBufferSize())
                    .as("Tomcat's binary receive buffer for a new socket").isEqualTo(PushConfiguration.INITIAL_RECEIVE_BUFFER);

            List<WebSocket> sockets = atmosphere(servletContext).atmosphereFactory().findAll().stream()
                    .map(resource -> ((AtmosphereResourceImpl) resource).webSocket())
                    .filter(Objects::nonNull)
                    .toList();
            assertThat(sockets).as("the tab's push socket").hasSize(1);
            assertThat(capacity(sockets.getFirst(), "bb")).isEqualTo(UnusedPushBuffers.SIZE);
            assertThat(capacity(sockets.getFirst(), "cb")).isEqualTo(UnusedPushBuffers.SIZE);

            // The longest summary an alert may have: the push is larger than Tomcat's 4 KiB send buffers
            // (the app's setting; the pom gives the tests the same system property).
            Alert large = TestAlerts.story("buffers-test", word, "Long summary. ".repeat(357));
            broadcaster.publish(large);
            Poll.until(Duration.ofSeconds(10), "the tab got the large alert",
                    () -> tab.alertIdsSeen().contains(large.id()));
        }
    }

    private AtmosphereFramework atmosphere(ServletContext servletContext) {
        String servletName = servlets.stream()
                .filter(registration -> registration.getServlet() instanceof SpringServlet)
                .map(ServletRegistrationBean::getServletName)
                .findFirst().orElseThrow();
        return (AtmosphereFramework) Objects.requireNonNull(
                servletContext.getAttribute(JSR356WebsocketInitializer.getAttributeName(servletName)),
                "Vaadin's Atmosphere framework for " + servletName);
    }

    /** Atmosphere keeps the two buffers in protected fields and offers no getter. */
    private static int capacity(WebSocket socket, String field) throws ReflectiveOperationException {
        Field buffer = WebSocket.class.getDeclaredField(field);
        buffer.setAccessible(true);
        return ((Buffer) buffer.get(socket)).capacity();
    }
}
