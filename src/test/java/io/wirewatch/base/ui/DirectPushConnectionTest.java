package io.wirewatch.base.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.vaadin.browserless.BrowserlessTest;
import com.vaadin.browserless.ViewPackages;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.communication.PushConnection;
import io.wirewatch.alert.Alert;
import io.wirewatch.alert.AlertBroadcaster;
import io.wirewatch.bench.VaadinTabClient;
import io.wirewatch.testing.OpenTabs;
import io.wirewatch.testing.Poll;
import io.wirewatch.testing.TestAlerts;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.atmosphere.cpr.AtmosphereResource;
import org.atmosphere.cpr.AtmosphereResourceImpl;
import org.atmosphere.cpr.Broadcaster;
import org.atmosphere.websocket.WebSocket;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

class DirectPushConnectionTest {

    /**
     * Where the tabs of the browserless tests look for views: none there. They need only a UI and its
     * session; the app's own views need Spring, and opening one would fail and log it.
     */
    private static final String NO_VIEWS = "io.wirewatch.testing";

    /** Text outside ASCII, outside the Basic Multilingual Plane, a tag (stored without it) and an ampersand. */
    private static final String SUMMARY_TEXT = "Zürich ☂ rally 😀 <b>not bold</b> & co";

    @Test
    void a_frame_is_prefixed_with_its_length_in_utf16_units_as_atmosphere_writes_it() {
        assertThat(DirectPushConnection.frame("{}")).isEqualTo("2|{}");
        // é is one unit, the emoji two (a surrogate pair); bytes in UTF-8 would be 2 + 4.
        assertThat(DirectPushConnection.frame("é😀")).isEqualTo("3|é😀");
    }

    @Test
    void half_of_a_surrogate_pair_on_its_own_is_sent_as_a_question_mark_as_atmosphere_did() {
        assertThat(DirectPushConnection.frame("a\ud83db")).isEqualTo("3|a?b");
        assertThat(DirectPushConnection.frame("\ude00x\ud83d")).isEqualTo("3|?x?");
        assertThat(DirectPushConnection.frame("a\ud83d\ude00")).isEqualTo("3|a😀");
    }

    /** Vaadin's push on a tab of its own (a UI with a session), onto a socket that is a mock. */
    @Nested
    @ViewPackages(packages = NO_VIEWS)
    class Pushing extends BrowserlessTest {

        private final WebSocket socket = mock(WebSocket.class);
        private final AtmosphereResourceImpl resource = webSocketResource(socket);
        private DirectPushConnection connection;

        @BeforeEach
        void connect() {
            connection = new DirectPushConnection(UI.getCurrent());
            connection.connect(resource);
        }

        @Test
        void a_push_is_one_write_of_the_whole_message_after_its_length() throws IOException {
            connection.push(true);

            ArgumentCaptor<String> written = ArgumentCaptor.forClass(String.class);
            verify(socket).write(written.capture());
            String frame = written.getValue();
            int bar = frame.indexOf(DirectPushConnection.LENGTH_DELIMITER);
            String message = frame.substring(bar + 1);
            assertThat(Integer.parseInt(frame.substring(0, bar))).isEqualTo(message.length());
            assertThat(message).startsWith("{").contains("\"syncId\"");
            assertThat(connection.isConnected()).isTrue();
            verify(resource, never()).close();
        }

        @Test
        void a_write_that_fails_closes_the_push_connection() throws IOException {
            when(socket.write(anyString())).thenThrow(new IOException("Socket closed"));

            connection.push(true);

            assertThat(connection.isConnected()).as("connected after the failed write").isFalse();
            verify(resource).close();
        }

        @Test
        void a_failed_write_closes_the_resource_only_once_vaadin_has_left_the_connection_monitor() throws Exception {
            // Closing the resource may take the container's session lock, which another thread may
            // hold while it waits for this monitor: closing inside it could deadlock the two.
            // Vaadin's own disconnect closes after leaving it; so must the close after a failed write.
            java.lang.reflect.Field lockField = com.vaadin.flow.server.communication.AtmospherePushConnection.class
                    .getDeclaredField("lock");
            lockField.setAccessible(true);
            Object monitor = lockField.get(connection);
            AtomicReference<Boolean> heldWhileWriting = new AtomicReference<>();
            List<Boolean> heldWhileClosing = new CopyOnWriteArrayList<>();
            when(socket.write(anyString())).thenAnswer(write -> {
                heldWhileWriting.set(Thread.holdsLock(monitor));
                throw new IOException("Socket closed");
            });
            org.mockito.Mockito.doAnswer(close -> {
                heldWhileClosing.add(Thread.holdsLock(monitor));
                return null;
            }).when(resource).close();

            connection.push(true);

            assertThat(heldWhileWriting.get()).as("the write runs inside Vaadin's monitor (the check can see it)")
                    .isTrue();
            assertThat(heldWhileClosing).as("monitor held at each close").containsExactly(false);
            assertThat(connection.isConnected()).isFalse();
        }
    }

    /** A tab whose browser fell back from WebSocket to long polling keeps Vaadin's path. */
    @Nested
    @ViewPackages(packages = NO_VIEWS)
    class LongPolling extends BrowserlessTest {

        @Test
        void a_push_goes_through_the_broadcaster_as_in_vaadin() throws IOException {
            WebSocket socket = mock(WebSocket.class);
            Broadcaster broadcaster = mock(Broadcaster.class);
            AtmosphereResourceImpl resource = webSocketResource(socket);
            when(resource.transport()).thenReturn(AtmosphereResource.TRANSPORT.LONG_POLLING);
            when(resource.getBroadcaster()).thenReturn(broadcaster);
            DirectPushConnection connection = new DirectPushConnection(UI.getCurrent());
            connection.connect(resource);

            connection.push(true);

            verify(broadcaster).broadcast(any(), eq(resource));
            verify(socket, never()).write(anyString());
            assertThat(connection.isConnected()).isTrue();
        }
    }

    private static AtmosphereResourceImpl webSocketResource(WebSocket socket) {
        AtmosphereResourceImpl resource = mock(AtmosphereResourceImpl.class);
        when(resource.transport()).thenReturn(AtmosphereResource.TRANSPORT.WEBSOCKET);
        when(resource.webSocket()).thenReturn(socket);
        when(resource.uuid()).thenReturn("test-resource");
        return resource;
    }

    /** Against the real server: the connection Vaadin uses, and what a tab reads from it. */
    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "server.address=127.0.0.1",
            "wirewatch.demo-feed.enabled=false",
            "wirewatch.alerts.store=memory"})
    @Import(OpenTabs.class)
    class OnTheServer {

        private static final Duration WAIT = Duration.ofSeconds(20);

        @LocalServerPort
        int port;

        @Autowired
        AlertBroadcaster broadcaster;

        @Autowired
        OpenTabs openTabs;

        @Test
        void every_tab_pushes_through_it_and_reads_text_of_any_script_whole() throws Exception {
            String word = "direct" + UUID.randomUUID().toString().substring(0, 8);
            List<String> received = new CopyOnWriteArrayList<>();
            try (VaadinTabClient tab = new VaadinTabClient(VaadinTabClient.sharedHttpClient(),
                    URI.create("http://127.0.0.1:" + port + "/"), Duration.ofSeconds(10))) {
                tab.tap((text, last) -> received.add(text));
                tab.open("/?q=" + word);
                // Until the answer to the tab's "list drawn" request is in: a card that came while
                // that request was being answered would ride in its answer rather than in a push.
                Poll.until(WAIT, "the first page drawn and told", tab::drawsConfirmed, confirmed -> confirmed > 0);
                UI onServer = Poll.until(WAIT, "the tab on the server", () -> openTabs.ofSession(tab.sessionId()),
                        uis -> uis.size() == 1).getFirst();
                AtomicReference<PushConnection> push = new AtomicReference<>();
                AtomicReference<Boolean> direct = new AtomicReference<>();
                onServer.getSession().accessSynchronously(() -> {
                    push.set(onServer.getInternals().getPushConnection());
                    direct.set(push.get() instanceof DirectPushConnection connection && connection.writesDirectly());
                });
                assertThat(push.get()).isInstanceOf(DirectPushConnection.class);
                assertThat(direct.get()).as("pushes go straight to the socket").isTrue();

                Alert alert = TestAlerts.story("direct-test", word + "-1", SUMMARY_TEXT + " " + word);
                broadcaster.publish(alert);

                Poll.until(WAIT, "the alert reached the tab", tab::alertIdsSeen, seen -> seen.contains(alert.id()));
                // The tab's reader checks every frame's length against its text: a wrong count
                // would have failed it.
                assertThat(tab.failure()).isNull();
                assertThat(tab.missedMessages()).as("UIDL messages lost").isZero();
                assertThat(String.join("", received)).contains("Zürich ☂ rally 😀 not bold &amp; co");
            }
        }
    }
}
