// childsafe's own JavaScript: start GOV.UK Frontend, and the session-timeout warning.
// Every page works without it: the server enforces the time limits regardless.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

initAll();

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

  function schedule() {
    clearTimeout(warnTimer);
    clearTimeout(expireTimer);
    clearInterval(tickTimer);
    expiresAt = Date.now() + timeoutMs;
    warnTimer = setTimeout(warn, Math.max(0, timeoutMs - warningMs));
    expireTimer = setTimeout(() => {
      window.location.href = dialog.dataset.signedOutUrl;
    }, timeoutMs);
  }

  function warn() {
    countdown.textContent = describe(expiresAt - Date.now());
    dialog.showModal();
    // Announce the time left each minute, then each 15 seconds, rather than every second.
    tickTimer = setInterval(() => {
      countdown.textContent = describe(expiresAt - Date.now());
    }, 15000);
  }

  keepAlive.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await fetch(keepAlive.action, {
      method: "POST",
      body: new FormData(keepAlive),
      headers: { Accept: "application/json" },
      credentials: "same-origin",
    });
    if (response.ok) {
      dialog.close();
      schedule();
    } else {
      window.location.href = dialog.dataset.signedOutUrl;
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
