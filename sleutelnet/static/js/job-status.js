/* Progressive enhancement for pages that wait for a background job (reports, subject-access exports).
   Without JavaScript such a page reloads itself (<noscript><meta http-equiv="refresh">). With it, this
   script asks the page's small JSON status endpoint every few seconds, keeps the status text and progress
   bar up to date, and when the job has finished it swaps in the finished part of the page (the download
   link or the error) from the page itself, without reloading. One element per page:
   <div data-sn-job="/url/of/status.json"> (templates/macros/job.html) with an optional <progress>;
   status texts elsewhere on the page are marked data-sn-job-label. */
(function () {
  var region = document.querySelector("[data-sn-job]");
  if (!region || !window.fetch) return;
  var url = region.getAttribute("data-sn-job");
  var delay = 2000;

  function swapIn() {
    fetch(window.location.href, {credentials: "same-origin", headers: {"Accept": "text/html"}})
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        var fresh = doc.querySelector("[data-sn-job-done]");
        if (!fresh) { window.location.reload(); return; }
        region.replaceWith(document.importNode(fresh, true));
        var focusTarget = document.querySelector("[data-sn-job-done] a, [data-sn-job-done] [role=alert]");
        if (focusTarget && focusTarget.tagName === "A") focusTarget.focus();
      })
      .catch(function () { window.location.reload(); });
  }

  function poll() {
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (job) {
        Array.prototype.forEach.call(document.querySelectorAll("[data-sn-job-label]"), function (label) {
          if (job.label && label.textContent !== job.label) label.textContent = job.label;
        });
        var bar = region.querySelector("progress");
        if (bar && typeof job.progress === "number") { bar.value = job.progress; bar.textContent = job.progress + "%"; }
        if (job.finished) { swapIn(); return; }
        window.setTimeout(poll, delay);
      })
      .catch(function () { delay = Math.min(delay * 2, 30000); window.setTimeout(poll, delay); });
  }

  window.setTimeout(poll, delay);
})();
