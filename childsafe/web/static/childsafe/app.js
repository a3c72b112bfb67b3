// childsafe's own JavaScript: start GOV.UK Frontend, and the session-timeout warning.
// Every page works without it: the server enforces the time limits regardless.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();

// Activity in any tab of this browser renews the one server session, so every tab's timer runs from the latest
// activity in any of them: a tab left open must not sign out someone working in another.
const LAST_ACTIVITY = "childsafe-last-activity";

function sharedLastActivity() {
  try {
    return Number(window.localStorage.getItem(LAST_ACTIVITY)) || 0;
  } catch (error) {
    return 0; // storage turned off: each tab keeps its own time
  }
}

function shareActivity(at) {
  try {
    window.localStorage.setItem(LAST_ACTIVITY, String(at));
  } catch (error) {
    // storage turned off or full: this tab still keeps its own time
  }
}

function isSameOrigin(resource) {
  try {
    const address = resource instanceof Request ? resource.url : String(resource);
    return new URL(address, window.location.href).origin === window.location.origin;
  } catch (error) {
    return false;
  }
}

function startTimeoutWarning() {
  const dialog = document.getElementById("timeout-dialog");
  if (!dialog || typeof dialog.showModal !== "function") return;
  const timeoutMs = Number(dialog.dataset.timeoutSeconds) * 1000;
  const warningMs = Number(dialog.dataset.warningSeconds) * 1000;
  const countdown = document.getElementById("timeout-dialog-countdown");
  const keepAlive = document.getElementById("timeout-dialog-keep-alive");
  let warnTimer, expireTimer, tickTimer, expiresAt;

  function describe(ms) {
    const seconds = Math.max(0, Math.ceil(ms / 1000));
    if (seconds >= 60) {
      const minutes = Math.ceil(seconds / 60);
      return minutes + (minutes === 1 ? " minute" : " minutes");
    }
    return seconds + (seconds === 1 ? " second" : " seconds");
  }

  // The server renewed the idle limit at `at` (this page loading, or a request from this or another tab).
  function schedule(at = Date.now(), share = true) {
    clearTimeout(warnTimer);
    clearTimeout(expireTimer);
    clearInterval(tickTimer);
    if (dialog.open) dialog.close();
    if (share) shareActivity(at);
    expiresAt = at + timeoutMs;
    warnTimer = setTimeout(warn, Math.max(0, expiresAt - warningMs - Date.now()));
    expireTimer = setTimeout(expire, Math.max(0, expiresAt - Date.now()));
  }

  function expire() {
    const latest = sharedLastActivity();
    if (latest + timeoutMs > Date.now()) {
      schedule(latest, false); // another tab was used since: the session is still in use
      return;
    }
    // The timed-out page ends the session on the server, then says so.
    window.location.href = dialog.dataset.timedOutUrl;
  }

  function warn() {
    countdown.textContent = describe(expiresAt - Date.now());
    dialog.showModal();
    // Announce the time left each minute, then each 15 seconds, rather than every second.
    tickTimer = setInterval(() => {
      countdown.textContent = describe(expiresAt - Date.now());
    }, 15000);
  }

  // Every request this page makes to the server renews the session there (SESSION_SAVE_EVERY_REQUEST), so the
  // timer starts again too. Only a request made while the person is working sends one (the live language check
  // runs as they type), so it is activity, and the timer must agree with the server: running out first would sign
  // out someone typing and lose what they typed. A redirected answer (to sign in) renewed nothing.
  const plainFetch = window.fetch.bind(window);
  window.fetch = async (resource, options) => {
    const response = await plainFetch(resource, options);
    if (response.ok && !response.redirected && isSameOrigin(resource)) schedule();
    return response;
  };

  window.addEventListener("storage", (event) => {
    if (event.key === LAST_ACTIVITY && Number(event.newValue) > expiresAt - timeoutMs) {
      schedule(Number(event.newValue), false);
    }
  });

  keepAlive.addEventListener("submit", async (event) => {
    event.preventDefault();
    let response;
    try {
      response = await fetch(keepAlive.action, {
        method: "POST",
        body: new FormData(keepAlive),
        headers: { Accept: "application/json" },
        credentials: "same-origin",
      });
    } catch (error) {
      return; // the network failed: the dialog stays, and they can try again
    }
    // 204 only from a live session: a session that had already ended is redirected to sign in.
    if (response.status === 204) {
      schedule();
    } else {
      window.location.href = dialog.dataset.timedOutUrl;
    }
  });
  dialog.addEventListener("cancel", (event) => {
    // Escape means "stay signed in", as in the GOV.UK pattern.
    event.preventDefault();
    keepAlive.requestSubmit();
  });
  schedule();
}

startTimeoutWarning();
