package io.wirewatch.base.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Makes a tab notice when its push socket has silently died, instead of showing a list that quietly
 * stopped being live.
 *
 * <p>A push socket can die without either end noticing: after the reader's network changed, or when
 * something between them dropped the connection without closing it (a half-open connection). The
 * server's writes vanish, the browser waits for messages that never come, and its heartbeats, over
 * HTTP on other connections, still get through, so neither Vaadin nor the server sees anything
 * wrong. The only sign is silence, and silence is normal on a quiet filter.
 *
 * <p>So silence is made abnormal: {@link SessionReaper} sends every open tab a small keep-alive over
 * its push connection every {@code wirewatch.push.keep-alive} (15 s), and the script this class puts
 * in every page expects it. After three intervals without one, and a second look one interval
 * later (a woken tab first handles what was waiting for it, or reconnects), the page asks the
 * server's health endpoint whether the server itself is reachable:
 * <ul>
 *   <li>reachable: the page reloads, which opens a new push connection and shows the list from the
 *       store, alerts missed meanwhile included. Only on a view marked {@link #RELOAD_SAFE} (the news
 *       desk); on others a banner offers the reload;</li>
 *   <li>reachable, but the page already reloaded for this reason within the last five minutes (so a
 *       reload did not help, for example a proxy that lets the socket open but passes nothing), or
 *       the browser keeps no session storage to tell: a banner with a Reload button, so the page
 *       reloads by itself at most once every five minutes;</li>
 *   <li>not reachable (no answer within 5 s, or one that is not JSON with status 200 or 503, such as
 *       a proxy's error page): a banner says so, the list stays, and the page asks again.</li>
 * </ul>
 * While the silence lasts, each further look comes later (up to once a minute, with jitter, so that
 * the tabs of a restarted server do not all come back at once).
 * The banner goes as soon as a keep-alive arrives again. It is made by the page itself, because the
 * server cannot reach a tab in this state; it contains only constant text. A page that was frozen
 * (the browser's {@code freeze} and {@code resume} events) or whose timers were stopped for longer
 * than the silence allows (a suspended laptop) starts counting again when it wakes instead of
 * judging by the time it slept. Times are measured with the page's
 * monotonic clock, so a change of the system clock is not taken for silence.
 */
@Component
public class PushWatchdog implements VaadinServiceInitListener {

    /** Run by a keep-alive push: the push socket works. */
    static final String KEEP_ALIVE = "window.wirewatchLink?.alive()";

    /**
     * $0: the keep-alive interval in ms; $1: the health endpoint's URL, relative to the application;
     * $2: {@link #RELOAD_SAFE}. Idempotent: a page keeps one watchdog, whatever number of times this
     * runs. Its text stays within Latin-1 (the ellipsis is a JavaScript escape): Java keeps a
     * string with any other character at two bytes per character, and this script is part of
     * every tab's first message.
     */
    static final String WATCH = """
            const link = window.wirewatchLink ??= { heardCount: 0 };
            link.every = $0;
            link.heard = performance.now();
            if (link.timer) return;
            const tick = Math.min(5000, link.every);
            const reloadedKey = 'wirewatch.link-reloaded-at';
            const stillSilent = () => performance.now() - link.heard >= 3 * link.every;
            const mayReload = () => {
              try {
                if (Date.now() - Number(sessionStorage.getItem(reloadedKey) || 0) < 5 * 60 * 1000) return false;
                sessionStorage.setItem(reloadedKey, String(Date.now()));
                return sessionStorage.getItem(reloadedKey) !== null;
              } catch (unavailable) {
                return false;
              }
            };
            const say = (text, offerReload) => {
              if (!link.banner) {
                link.banner = document.createElement('div');
                link.banner.className = 'link-banner';
                link.banner.setAttribute('role', 'alert');
                link.text = document.createElement('span');
                link.button = document.createElement('button');
                link.button.type = 'button';
                link.button.textContent = 'Reload';
                link.button.addEventListener('click', () => location.reload());
                link.banner.append(link.text, link.button);
                document.body.append(link.banner);
              }
              link.text.textContent = text;
              link.button.hidden = !offerReload;
              link.banner.hidden = false;
            };
            const probe = async () => {
              const abort = new AbortController();
              const timeout = setTimeout(() => abort.abort(), 5000);
              try {
                const answer = await fetch(new URL($1, document.baseURI), { cache: 'no-store', signal: abort.signal });
                return (answer.ok || answer.status === 503)
                    && (answer.headers.get('content-type') || '').includes('json');
              } catch (unreachable) {
                return false;
              } finally {
                clearTimeout(timeout);
              }
            };
            link.alive = () => {
              link.heard = performance.now();
              link.heardCount++;
              link.suspectSince = undefined;
              link.looks = 0;
              if (link.banner) link.banner.hidden = true;
            };
            const wake = () => {
              link.heard = performance.now();
              link.suspectSince = undefined;
            };
            document.addEventListener('freeze', () => { link.frozen = true; });
            document.addEventListener('resume', () => { link.frozen = false; wake(); });
            link.check = async () => {
              if (link.frozen) return;
              const now = performance.now();
              const slept = link.lastCheck !== undefined && now - link.lastCheck > 3 * link.every
                  && document.visibilityState === 'visible';
              link.lastCheck = now;
              if (slept) {
                wake();
                return;
              }
              if (!stillSilent()) { link.suspectSince = undefined; return; }
              if (link.suspectSince === undefined) { link.suspectSince = now; return; }
              if (now - link.suspectSince < link.every + 1000 || link.probing || now < (link.nextProbe || 0)) return;
              link.probing = true;
              const reachable = await probe();
              link.probing = false;
              if (!stillSilent()) return;
              // Still silent: the next look comes later each time (up to a minute, with jitter).
              link.looks = (link.looks || 0) + 1;
              link.nextProbe = performance.now()
                  + Math.min(60000, tick * 2 ** link.looks) * (0.5 + Math.random() / 2);
              if (!reachable) {
                say('Cannot reach the server: live updates are paused. Trying again\\u2026', true);
              } else if (!document.querySelector('.' + $2)) {
                say('Live updates stopped reaching this tab. Reload to reconnect.', true);
              } else if (mayReload()) {
                say('Live updates stopped reaching this tab. Reconnecting\\u2026', false);
                clearInterval(link.timer);
                setTimeout(() => location.reload(), Math.random() * Math.min(5000, link.every));
              } else {
                say('Live updates are not reaching this tab, even after reconnecting. Reload to try again.', true);
              }
            };
            link.timer = setInterval(link.check, tick);
            """;

    /**
     * The class name a view puts on its element when a reload loses nothing on it (its state comes
     * back from the store and the URL). Only there does the page reload by itself; elsewhere, such as
     * the admin's half-filled form, the banner offers the reload instead. A class rather than an
     * attribute: a view that has a class already costs no further map per tab.
     */
    public static final String RELOAD_SAFE = "reload-safe";

    /** The health endpoint the page asks, relative to the application's root. */
    static final String HEALTH = "actuator/health";

    private final Duration keepAlive;

    PushWatchdog(@Value("${wirewatch.push.keep-alive:15s}") Duration keepAlive) {
        if (keepAlive.isNegative() || keepAlive.isZero()) {
            throw new IllegalArgumentException("wirewatch.push.keep-alive must be positive, was " + keepAlive);
        }
        this.keepAlive = keepAlive;
    }

    Duration keepAlive() {
        return keepAlive;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> install(init.getUI()));
    }

    private void install(UI ui) {
        ui.getPage().executeJs(WATCH, keepAlive.toMillis(), HEALTH, RELOAD_SAFE);
    }

    /** Tells the tab its push connection works; goes out with the session's next push. */
    static void sendKeepAlive(UI ui) {
        ui.getPage().executeJs(KEEP_ALIVE);
    }
}
