package io.wirewatch.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One browser tab on the live desk, simulated at the protocol level: no browser, no JavaScript, a
 * few kilobytes of state, so that one load generator can hold thousands of tabs.
 *
 * <p>Why our own client: Vaadin's load-test tooling (TestBench recordings replayed by Gatling/JMeter)
 * replays the HTTP requests of a recorded session and does not drive the push WebSocket, the part
 * Wirewatch lives on: alerts reach tabs only through push. This client speaks exactly what Vaadin
 * 25.2's own client (FlowClient + Atmosphere's vaadinPush.js) sends, as captured from headless
 * Chromium against this app:
 * <ol>
 *   <li><b>Bootstrap</b>: {@code GET /?v-r=init&location=<path without leading />&query=<query>}
 *       plus the browser details ({@code v-sw}, {@code v-tzid}, {@code v-wn}, ...). The JSON answer's
 *       {@code appConfig} holds {@code v-uiId}, {@code heartbeatInterval} (seconds) and, in
 *       {@code appConfig.uidl}, {@code Vaadin-Security-Key} (the CSRF token), {@code Vaadin-Push-ID}
 *       and {@code syncId} 0. The session cookie is set here; each tab keeps its own
 *       {@code JSESSIONID} and sends it itself, so all tabs share one {@link HttpClient}.</li>
 *   <li><b>Push</b>: a WebSocket to {@code /VAADIN/push?v-r=push&v-uiId=..&v-pushId=..} with the
 *       Atmosphere parameters of {@link #PUSH_PARAMETERS}. The server's first frame is the Atmosphere
 *       handshake; {@link #open} waits for it. Frames are read by {@link PushFrameParser}.</li>
 *   <li><b>Navigation</b>: {@code POST /?v-r=uidl&v-uiId=..} with
 *       {@code {"csrfToken":..,"rpc":[{"type":"event","node":1,"event":"ui-navigate","data":{"route":"/",
 *       "query":"category=markets","appShellTitle":"Wirewatch","historyState":{"idx":0},"trigger":""}}],
 *       "syncId":0,"clientId":0}}. This attaches the view (which subscribes to alerts and starts
 *       reading its first page of cards from the store); the cards come a moment later, pushed like
 *       live ones, as one message that draws the whole list ({@link #listsDrawn}).</li>
 *   <li><b>List drawn</b>: after a message that draws the whole list, the page's list script calls
 *       the list's server method, and the browser posts
 *       {@code {"csrfToken":..,"rpc":[{"type":"publishedEventHandler","node":<the list's node>,
 *       "templateEventMethodName":"listDrawn","templateEventMethodArgs":[],"promise":0}],
 *       "syncId":<the last message's>,"clientId":<one more than before>}} (captured from headless
 *       Chromium's network log). Its small answer replaces the one Vaadin keeps for the tab, which
 *       until then is the answer to the navigation, the whole view; so the tab costs the server what
 *       a browser's tab costs it ({@link #drawsConfirmed}). Requests go one at a time, in order, as
 *       the browser's do.</li>
 *   <li><b>Live</b>: each pushed UIDL message is scanned for added cards; the first arrival of each
 *       alert id is kept ({@link #alertsSeen}). A message that draws the whole list again (the first
 *       page, a reload) repeats cards the tab has, and that is no duplicate. Live cards need no
 *       answer: Vaadin pushes server-side changes whatever the client sends, and the
 *       {@code X-Vaadin-LastSeenServerSyncId} push parameter is read only by the long-polling
 *       cache, not for WebSocket.</li>
 *   <li><b>Heartbeat</b> (optional): {@code POST /?v-r=heartbeat&v-uiId=..} with no body. Without it
 *       the server closes the UI once 3.1 heartbeat intervals (300 s each by default) pass without
 *       one, at the next request of its session; runs longer than a few minutes should turn it on.</li>
 *   <li><b>Close</b>: the browser's {@code pagehide} beacon, {@code POST /?v-r=uidl&v-uiId=..} with
 *       the text body {@code {"csrfToken":..,"rpc":[],"UNLOAD":true}} (no syncId, no clientId). The
 *       server answers 200 with a short UIDL, closes the UI (the view detaches and drops its
 *       subscription a few milliseconds later), pushes one last empty UIDL and closes the socket
 *       (1000). Closing the socket alone releases nothing: the UI then lives on until its heartbeats
 *       are missed, so a tab that "closes" without the beacon leaks a subscription for minutes.</li>
 * </ol>
 * It does not run the JavaScript the server sends, answer its return-channel calls, or fetch the
 * page and its static resources: only what keeps a live view subscribed and receiving pushes, and
 * the one call above, which changes what the server holds for an idle tab.
 */
public final class VaadinTabClient implements AutoCloseable {

    /** What the real client adds to the push URL (Atmosphere 4.0.1 over WebSocket, message sizes on). */
    static final String PUSH_PARAMETERS = "X-Atmosphere-tracking-id=0&X-Atmosphere-Framework=4.0.1"
            + "&X-Atmosphere-Transport=websocket&X-Atmosphere-TrackMessageSize=true"
            + "&Content-Type=application/json;%20charset=UTF-8&X-atmo-protocol=true";
    /** The browser details headless Chromium sends, with a desktop window's sizes (ExtendedClientDetails). */
    private static final String BROWSER_DETAILS = "&v-sh=1080&v-sw=1920&v-wh=937&v-ww=1900&v-bh=937&v-bw=1900"
            + "&v-tzo=0&v-dstd=0&v-rtzo=0&v-dston=false&v-tzid=UTC&v-td=false&v-pr=1&v-np=Linux%20x86_64"
            + "&v-cs=light&v-pv=VISIBLE&v-fs=NOT_FULLSCREEN&v-so=landscape-primary&v-soa=0&v-tn=lumo"
            + "&v-ga=GRANTED&v-wla=SUPPORTED&v-ws=false";
    private static final String APP_SHELL_TITLE = "Wirewatch";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong WINDOW_NAMES = new AtomicLong();

    /** When an alert first reached this tab: {@link System#nanoTime} and wall-clock time of arrival. */
    public record Arrival(long nanoTime, long epochMillis) {
    }

    /** Sees the push socket's text exactly as it arrives, before parsing: for recording and debugging. */
    @FunctionalInterface
    public interface PushTap {
        void onText(String text, boolean last);
    }

    private final HttpClient http;
    private final URI server;
    private final Duration timeout;
    private final @Nullable Duration heartbeatEvery;
    private final @Nullable ScheduledExecutorService scheduler;

    private final Map<String, String> cookies = new ConcurrentHashMap<>();
    private final Map<String, Arrival> alertsSeen = new ConcurrentHashMap<>();
    /** Cards (alert and revision) pushed so far; the listener is the only writer. */
    private final Set<PushFrameParser.Card> cardsSeen = ConcurrentHashMap.newKeySet();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final CompletableFuture<Void> pushReady = new CompletableFuture<>();
    private final CompletableFuture<String> socketClosed = new CompletableFuture<>();
    private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    private final AtomicInteger uidlMessages = new AtomicInteger();
    private final AtomicLong minSyncId = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong maxSyncId = new AtomicLong(Long.MIN_VALUE);
    private final AtomicInteger heartbeatsOk = new AtomicInteger();
    private final AtomicInteger heartbeatsFailed = new AtomicInteger();
    private final AtomicBoolean unloaded = new AtomicBoolean();

    private volatile int uiId = -1;
    private volatile @Nullable String csrfToken;
    private volatile @Nullable String pushId;
    private final AtomicInteger listsDrawn = new AtomicInteger();
    private final AtomicInteger drawsConfirmed = new AtomicInteger();
    /** The browser's message counter: 0 for the navigation, one more for each request after it. */
    private final AtomicInteger clientId = new AtomicInteger();
    /** The last request sent; the next one waits for its answer. Guarded by {@code this}. */
    private CompletableFuture<?> requests = CompletableFuture.completedFuture(null);
    /** The alerts the browser's list shows now, as the pushed scripts left it. */
    private final Set<String> listed = ConcurrentHashMap.newKeySet();
    private volatile int cardsInNavigationAnswer;
    private volatile @Nullable WebSocket socket;
    private volatile @Nullable ScheduledFuture<?> heartbeats;
    private volatile @Nullable PushTap tap;

    /** A tab without heartbeats, for runs shorter than the server's heartbeat timeout. */
    public VaadinTabClient(HttpClient http, URI server, Duration timeout) {
        this(http, server, timeout, null, null);
    }

    /**
     * @param http           shared by all tabs; must not have a cookie handler (each tab keeps its own)
     *                       and should speak HTTP/1.1
     * @param server         the app's root, such as {@code http://127.0.0.1:8080/}
     * @param timeout        for each request and for the push handshake
     * @param heartbeatEvery how often to send Vaadin heartbeats; null for none
     * @param scheduler      runs the heartbeats; needed only with {@code heartbeatEvery}
     */
    public VaadinTabClient(HttpClient http, URI server, Duration timeout, @Nullable Duration heartbeatEvery,
            @Nullable ScheduledExecutorService scheduler) {
        if (http.cookieHandler().isPresent()) {
            throw new IllegalArgumentException("the shared HttpClient must not keep cookies; each tab keeps its own");
        }
        if (heartbeatEvery != null && scheduler == null) {
            throw new IllegalArgumentException("heartbeats need a scheduler");
        }
        this.http = http;
        this.server = server.getPath().endsWith("/") ? server : URI.create(server + "/");
        this.timeout = timeout;
        this.heartbeatEvery = heartbeatEvery;
        this.scheduler = scheduler;
    }

    /** Opens in the same browser session as {@code other} (its cookies); set before {@link #open}. */
    public VaadinTabClient sameSessionAs(VaadinTabClient other) {
        cookies.putAll(other.cookies);
        return this;
    }

    /** Hands every piece of push text to {@code tap} as well; set before {@link #open}. */
    public VaadinTabClient tap(PushTap tap) {
        this.tap = tap;
        return this;
    }

    /** An HttpClient fit for sharing between tabs: HTTP/1.1, no cookie handler, no redirects. */
    public static HttpClient sharedHttpClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    /**
     * Opens the tab at a location such as {@code /?category=markets}: bootstrap, push socket, then
     * navigation. Returns once the view is attached and the push socket is live, so every alert
     * ingested after this returns reaches the tab.
     */
    public void open(String location) throws IOException, InterruptedException {
        if (uiId >= 0) {
            throw new IllegalStateException("already open");
        }
        URI target = server.resolve(location.startsWith("/") ? location.substring(1) : location);
        String path = target.getRawPath() == null ? "" : target.getRawPath().replaceFirst("^/", "");
        String query = target.getRawQuery() == null ? "" : target.getRawQuery();

        bootstrap(path, query);
        connectPush();
        navigate("/" + path, query);
        if (heartbeatEvery != null && scheduler != null) {
            long every = heartbeatEvery.toMillis();
            heartbeats = scheduler.scheduleAtFixedRate(this::sendHeartbeat, every, every, TimeUnit.MILLISECONDS);
        }
    }

    private void bootstrap(String path, String query) throws IOException, InterruptedException {
        String url = "?v-r=init&location=" + encode(path) + "&query=" + encode(query) + BROWSER_DETAILS
                + "&v-curdate=" + System.currentTimeMillis()
                + "&v-wn=" + encode("v-bench-" + WINDOW_NAMES.incrementAndGet());
        HttpResponse<String> response = send(HttpRequest.newBuilder(server.resolve(url)).GET(), "init");
        if (!cookies.containsKey("JSESSIONID")) {
            throw new IOException("init set no session cookie");
        }
        JsonNode config = JSON.readTree(response.body()).path("appConfig");
        JsonNode uidl = config.path("uidl");
        uiId = config.path("v-uiId").asInt(-1);
        csrfToken = uidl.path("Vaadin-Security-Key").asString(null);
        pushId = uidl.path("Vaadin-Push-ID").asString(null);
        if (uiId < 0 || csrfToken == null || pushId == null) {
            throw new IOException("init response lacks v-uiId, Vaadin-Security-Key or Vaadin-Push-ID: "
                    + abbreviate(response.body()));
        }
        noteSyncId(uidl.path("syncId").asLong(-1));
    }

    private void connectPush() throws IOException, InterruptedException {
        URI push = URI.create(server.toString().replaceFirst("^http", "ws") + "VAADIN/push?v-r=push&v-uiId=" + uiId
                + "&v-pushId=" + pushId + "&" + PUSH_PARAMETERS + "&X-Vaadin-LastSeenServerSyncId="
                + Math.max(0, maxSyncId.get()));
        try {
            socket = http.newWebSocketBuilder()
                    .header("Cookie", cookieHeader())
                    .header("Origin", server.getScheme() + "://" + server.getRawAuthority())
                    .connectTimeout(timeout)
                    .buildAsync(push, new PushListener())
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            pushReady.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException failed) {
            throw new IOException("push socket did not open: " + failed, failed);
        }
    }

    private void navigate(String route, String query) throws IOException, InterruptedException {
        ObjectNode event = JSON.createObjectNode();
        event.put("type", "event").put("node", 1).put("event", "ui-navigate");
        ObjectNode data = event.putObject("data");
        data.put("route", route).put("query", query).put("appShellTitle", APP_SHELL_TITLE);
        data.putObject("historyState").put("idx", 0);
        data.put("trigger", "");
        int sentId = clientId.getAndIncrement();

        HttpResponse<String> response = send(rpcRequest(event, 0, sentId), "ui-navigate");
        JsonNode uidl = PushFrameParser.parseUidl(response.body());
        if (refused(uidl) || !uidl.has("changes")) {
            throw new IOException("ui-navigate was refused: " + abbreviate(response.body()));
        }
        List<PushFrameParser.Card> cards = PushFrameParser.addedCards(uidl);
        cardsInNavigationAnswer = cards.size();
        noteMessage(uidl, cards, new Arrival(System.nanoTime(), System.currentTimeMillis()));
    }

    /**
     * A message of the browser's: one RPC invocation, the last syncId it has seen, its own message
     * id. Vaadin reads it from a POST to the tab's UIDL address.
     */
    private HttpRequest.Builder rpcRequest(ObjectNode invocation, long syncId, int sentId) {
        ObjectNode message = JSON.createObjectNode();
        message.put("csrfToken", csrfToken);
        message.putArray("rpc").add(invocation);
        message.put("syncId", syncId).put("clientId", sentId);
        return uidlRequest().header("Content-Type", "application/json; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(message.toString()));
    }

    /**
     * Whether the server handled the browser's message {@code sentId}: Vaadin answers 200 also when
     * it handled nothing (tab gone, bad token, message out of sequence), but only an answer to that
     * very message expects the next id.
     */
    private static boolean taken(JsonNode uidl, int sentId) {
        return !refused(uidl) && uidl.has("syncId") && uidl.path("clientId").asInt(-1) == sentId + 1;
    }

    /** An answer that says the session expired or the request failed on the server. */
    private static boolean refused(JsonNode uidl) {
        return uidl.path("meta").has("sessionExpired") || uidl.path("meta").has("appError");
    }

    /** A UIDL message, pushed or answering a request: Vaadin numbers both in one series. */
    private void noteMessage(JsonNode uidl, List<PushFrameParser.Card> cards, Arrival arrival) {
        noteSyncId(uidl.path("syncId").asLong(-1));
        noteCards(uidl, cards, arrival);
    }

    /**
     * What the page's list script does after drawing a whole list: call the list's server method
     * (see the class comment). Sent once the tab's previous request has been answered, without
     * holding up the socket's listener; a request that fails voids the tab's numbers, as a push
     * error does.
     */
    private synchronized void confirmDraw(int listNode, long lastSyncId) {
        ObjectNode call = JSON.createObjectNode();
        call.put("type", "publishedEventHandler").put("node", listNode)
                .put("templateEventMethodName", "listDrawn").put("promise", 0)
                .putArray("templateEventMethodArgs");
        int sentId = clientId.getAndIncrement();
        HttpRequest request = rpcRequest(call, lastSyncId, sentId).timeout(timeout).header("Cookie", cookieHeader())
                .build();
        requests = requests.handle((previous, itsFailure) -> null)
                .thenCompose(ignored -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
                .thenAccept(response -> {
                    JsonNode uidl = response.statusCode() == 200 ? PushFrameParser.parseUidl(response.body()) : null;
                    if (uidl == null || !taken(uidl, sentId)) {
                        throw new IllegalStateException("listDrawn was not taken: " + response.statusCode() + " "
                                + abbreviate(response.body()));
                    }
                    noteMessage(uidl, PushFrameParser.addedCards(uidl),
                            new Arrival(System.nanoTime(), System.currentTimeMillis()));
                    drawsConfirmed.incrementAndGet();
                })
                .whenComplete((done, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
    }

    private HttpRequest.Builder uidlRequest() {
        return HttpRequest.newBuilder(server.resolve("?v-r=uidl&v-uiId=" + uiId));
    }

    private void sendHeartbeat() {
        HttpRequest request = HttpRequest.newBuilder(server.resolve("?v-r=heartbeat&v-uiId=" + uiId))
                .timeout(timeout).header("Cookie", cookieHeader()).POST(HttpRequest.BodyPublishers.noBody()).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null || response.statusCode() != 200) {
                heartbeatsFailed.incrementAndGet();
            } else {
                heartbeatsOk.incrementAndGet();
            }
        });
    }

    /**
     * Leaves the page as a browser does: the UNLOAD beacon (the server closes the UI, which detaches
     * the view and ends its subscription), then a normal close of the push socket. Safe to call
     * more than once and on a tab that never opened.
     */
    @Override
    public void close() throws IOException, InterruptedException {
        ScheduledFuture<?> beating = heartbeats;
        if (beating != null) {
            beating.cancel(false);
        }
        try {
            CompletableFuture<?> pending;
            synchronized (this) {
                pending = requests;
            }
            try {
                // A tab's own request still on its way would otherwise reach a closed tab.
                pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException | TimeoutException failedOrLate) {
                // Already recorded as the tab's failure, or it is: the beacon goes all the same.
                failure.compareAndSet(null, failedOrLate);
            }
            if (uiId >= 0 && csrfToken != null && unloaded.compareAndSet(false, true)) {
                String beacon = "{\"csrfToken\":" + JSON.writeValueAsString(csrfToken) + ",\"rpc\":[],\"UNLOAD\":true}";
                // navigator.sendBeacon(url, string) posts text/plain.
                send(uidlRequest().header("Content-Type", "text/plain;charset=UTF-8")
                        .POST(HttpRequest.BodyPublishers.ofString(beacon)), "UNLOAD");
            }
        } finally {
            WebSocket open = socket;
            if (open != null && !open.isOutputClosed()) {
                open.sendClose(WebSocket.NORMAL_CLOSURE, "");
            }
            if (open != null && !open.isInputClosed()) {
                try {
                    socketClosed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException | TimeoutException notClosedInTime) {
                    // No close reply: drop the connection as a browser would; it is closed either way.
                    open.abort();
                    socketClosed.complete("aborted: no close reply within " + timeout.toMillis() + " ms");
                }
            }
        }
    }

    /** Every alert this tab was shown, with its first arrival, in order of arrival. */
    public Map<String, Arrival> alertsSeen() {
        return alertsSeen.entrySet().stream()
                .sorted(Map.Entry.comparingByValue(Comparator.comparingLong(Arrival::nanoTime)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /**
     * Cards pushed more than once: the same revision of the same alert again, other than in a
     * message that draws the whole list.
     */
    public int duplicateCards() {
        return duplicates.get();
    }

    /** The ids of {@link #alertsSeen}, as a set. */
    public Set<String> alertIdsSeen() {
        return Set.copyOf(alertsSeen.keySet());
    }

    /**
     * How many messages drew the tab's whole list: the first page once it has been read from the
     * store, and each reload after it.
     */
    public int listsDrawn() {
        return listsDrawn.get();
    }

    /**
     * How many of {@link #listsDrawn} the tab has told the server about, and had answered (see the
     * class comment). Once equal, the server holds the small answer for the tab, as for a browser's.
     */
    public int drawsConfirmed() {
        return drawsConfirmed.get();
    }

    /** The alerts the tab's list shows now: a card pushed and then taken out again is not here. */
    public Set<String> listedAlerts() {
        return Set.copyOf(listed);
    }

    /** Cards in the answer to the navigation request; the app sends them in a push of their own. */
    public int cardsInNavigationAnswer() {
        return cardsInNavigationAnswer;
    }

    /**
     * Runs for the answers to the tab's requests and for every push, in the order they arrive; a
     * browser applies them in syncId order. While a run is measured a tab gets only patches, which
     * add new cards and remove others, so their order changes neither what is counted (alerts by
     * id, with their first arrival) nor the list followed. A whole list drawn by an answer while
     * pushes arrive could be applied out of turn; runs start only once every tab's first page is
     * drawn and confirmed. {@link #missedMessages} still tells a message lost.
     */
    private synchronized void noteCards(JsonNode uidl, List<PushFrameParser.Card> cards, Arrival arrival) {
        int wholeList = PushFrameParser.wholeListNode(uidl);
        if (wholeList >= 0) {
            // Every card the list shows, again: a repeat of none of them.
            cardsSeen.clear();
            listed.clear();
            listsDrawn.incrementAndGet();
            confirmDraw(wholeList, maxSyncId.get());
        }
        for (PushFrameParser.Card card : cards) {
            if (!cardsSeen.add(card)) {
                duplicates.incrementAndGet();
            }
            alertsSeen.putIfAbsent(card.alertId(), arrival);
            listed.add(card.alertId());
        }
        // A patch removes cards before it adds any; an id is never in both.
        PushFrameParser.removedCards(uidl).forEach(listed::remove);
    }

    /**
     * Set when the push stream broke (protocol error, socket error) or the server did not take the
     * tab's {@code listDrawn} request; the tab's numbers are void then.
     */
    public @Nullable Throwable failure() {
        return failure.get();
    }

    /** True once the push socket closed, whoever closed it. */
    public boolean pushClosed() {
        return socketClosed.isDone();
    }

    /**
     * UIDL messages missing between the first and the last one this tab received (bootstrap,
     * navigation response and pushes together): Vaadin numbers them 0, 1, 2, ... per UI, so a gap
     * is a lost message. Zero on a healthy tab.
     */
    public long missedMessages() {
        long min = minSyncId.get();
        long max = maxSyncId.get();
        return min > max ? 0 : (max - min + 1) - (uidlMessages.get());
    }

    public int heartbeatsOk() {
        return heartbeatsOk.get();
    }

    public int heartbeatsFailed() {
        return heartbeatsFailed.get();
    }

    /** How many UIDL messages reached the tab: the answers to its requests and every push. */
    public int messagesReceived() {
        return uidlMessages.get();
    }

    public int uiId() {
        return uiId;
    }

    /** The tab's browser session on the server (its JSESSIONID), or null before it opens. */
    public @Nullable String sessionId() {
        return cookies.get("JSESSIONID");
    }

    private void noteSyncId(long syncId) {
        if (syncId >= 0) {
            uidlMessages.incrementAndGet();
            minSyncId.accumulateAndGet(syncId, Math::min);
            maxSyncId.accumulateAndGet(syncId, Math::max);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String what) throws IOException, InterruptedException {
        String cookie = cookieHeader();
        if (!cookie.isEmpty()) {
            request.header("Cookie", cookie);
        }
        HttpResponse<String> response =
                http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
        for (String setCookie : response.headers().allValues("set-cookie")) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals > 0) {
                cookies.put(pair.substring(0, equals).strip(), pair.substring(equals + 1).strip());
            }
        }
        if (response.statusCode() != 200) {
            throw new IOException(what + " answered " + response.statusCode() + ": " + abbreviate(response.body()));
        }
        return response;
    }

    private String cookieHeader() {
        return cookies.entrySet().stream().map(cookie -> cookie.getKey() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    /** Feeds the socket's text to a parser; the JDK calls it for one piece at a time, in order. */
    private final class PushListener implements WebSocket.Listener {

        private final PushFrameParser parser = new PushFrameParser();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long nanoTime = System.nanoTime();
            long epochMillis = System.currentTimeMillis();
            PushTap recorder = tap;
            if (recorder != null) {
                recorder.onText(data.toString(), last);
            }
            try {
                for (PushFrameParser.Frame frame : parser.feed(data)) {
                    switch (frame.kind()) {
                        case HANDSHAKE -> pushReady.complete(null);
                        case HEARTBEAT -> { }
                        case UIDL -> {
                            noteMessage(java.util.Objects.requireNonNull(frame.uidl()), frame.cards(),
                                    new Arrival(nanoTime, epochMillis));
                        }
                    }
                }
            } catch (RuntimeException broken) {
                fail(broken);
                webSocket.abort();
                return null;
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            socketClosed.complete(statusCode + " " + reason);
            pushReady.completeExceptionally(new IOException("push socket closed before the handshake: " + statusCode));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            fail(error);
        }

        private void fail(Throwable error) {
            failure.compareAndSet(null, error);
            pushReady.completeExceptionally(error);
            socketClosed.complete("failed: " + error);
        }
    }
}
