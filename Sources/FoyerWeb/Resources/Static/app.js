// Foyer: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";

  // Forms with data-confirm ask before they submit (removing a member, revoking a token...).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement)) { return; }
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) { event.preventDefault(); }
  });

  // Buttons with data-copy="<input id>" copy that input's value (a new token, an invitation link).
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-copy]") : null;
    if (!button) { return; }
    var input = document.getElementById(button.getAttribute("data-copy"));
    if (!input) { return; }
    input.select();
    var done = function () {
      button.setAttribute("aria-live", "polite");
      button.textContent = document.documentElement.lang === "fr" ? "Copié" : "Copied";
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, function () {});
    } else {
      done();
    }
  });
})();

// Inbox: keyboard shortcuts, live updates (Server-Sent Events), presence and saved replies.
// Each part only runs on the page that has its elements; the pages work without it.
(function () {
  "use strict";

  var rowsKey = "foyer.inbox.rows";
  var results = document.getElementById("inbox-results");
  var conversation = document.querySelector(".conversation-layout");
  var presence = document.getElementById("presence");

  function isTyping(target) {
    if (!(target instanceof Element)) { return false; }
    var name = target.tagName;
    return name === "INPUT" || name === "TEXTAREA" || name === "SELECT" || target.isContentEditable;
  }

  function submit(form) {
    if (!form) { return; }
    if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
  }

  // The list remembers its order, so j and k on a conversation page go to the neighbours.
  function rememberRows() {
    if (!results) { return; }
    var links = Array.prototype.map.call(results.querySelectorAll(".row-link"), function (a) { return a.getAttribute("href"); });
    try { sessionStorage.setItem(rowsKey, JSON.stringify(links)); } catch (e) { /* private mode */ }
  }

  function rowLinks() { return results ? Array.prototype.slice.call(results.querySelectorAll(".row-link")) : []; }

  function moveInList(step) {
    var links = rowLinks();
    if (links.length === 0) { return; }
    var index = links.indexOf(document.activeElement);
    index = index < 0 ? (step > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, index + step));
    links.forEach(function (link) { link.closest("tr").classList.remove("focused"); });
    links[index].focus();
    links[index].closest("tr").classList.add("focused");
  }

  function actOnFocusedRow(action) {
    var row = document.activeElement instanceof Element ? document.activeElement.closest(".inbox-row") : null;
    var form = document.getElementById("bulk-form");
    if (!row || !form) { return; }
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (box) { box.checked = false; });
    var box = row.querySelector("input[type=checkbox]");
    var select = document.getElementById("bulk-action");
    if (!box || !select) { return; }
    box.checked = true;
    select.value = action;
    var assignee = document.getElementById("bulk-assignee");
    if (action === "assign" && assignee) { assignee.value = "me"; }
    submit(form);
  }

  function moveInConversation(step) {
    var links;
    try { links = JSON.parse(sessionStorage.getItem(rowsKey) || "[]"); } catch (e) { links = []; }
    var index = links.indexOf(location.pathname);
    if (index < 0) { return; }
    var target = links[index + step];
    if (target) { location.assign(target); }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) { return; }
    var help = document.getElementById("shortcuts");
    if (event.key === "?" && help) {
      help.open = !help.open;
      if (help.open) { help.querySelector("summary").focus(); }
      event.preventDefault();
      return;
    }
    if (results) {
      if (event.key === "j") { moveInList(1); } else if (event.key === "k") { moveInList(-1); }
      else if (event.key === "a") { actOnFocusedRow("assign"); } else if (event.key === "c") { actOnFocusedRow("close"); }
      else { return; }
      event.preventDefault();
    } else if (conversation) {
      if (event.key === "j") { moveInConversation(1); } else if (event.key === "k") { moveInConversation(-1); }
      else if (event.key === "a") { submit(document.getElementById("assign-me-form")); }
      else if (event.key === "c") { submit(document.getElementById("close-form")); }
      else if (event.key === "r") { var box = document.getElementById("reply-body"); if (box) { box.focus(); } }
      else { return; }
      event.preventDefault();
    }
  });

  // Saved replies: a suggestion fills the reply box instead of reloading the page.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a.suggestion[data-fill]") : null;
    var box = document.getElementById("reply-body");
    if (!link || !box) { return; }
    event.preventDefault();
    box.value = link.getAttribute("data-fill");
    box.focus();
  });

  function liveURL() {
    var holder = document.querySelector("[data-live-url]");
    return holder ? holder.getAttribute("data-live-url") : null;
  }

  function announce(text) {
    var status = document.getElementById("live-status");
    if (!status || !text) { return; }
    status.hidden = false;
    status.textContent = text;
  }

  // The list refreshes itself on news, unless the person is selecting rows or using the keyboard in it.
  function refreshList() {
    var busy = results.querySelector("input[type=checkbox]:checked") || results.contains(document.activeElement);
    if (busy) {
      announce(document.getElementById("live-status").getAttribute("data-message"));
      return;
    }
    fetch(location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("inbox-results");
        if (fresh) { results.innerHTML = fresh.innerHTML; rememberRows(); }
      })
      .catch(function () {});
  }

  // Presence: who else is on this conversation, kept for a short while after their last report.
  var present = {};
  function renderPresence() {
    if (!presence) { return; }
    var now = Date.now();
    presence.textContent = "";
    Object.keys(present).forEach(function (name) {
      if (present[name].until < now) { delete present[name]; return; }
      var badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = name + " · " + present[name].label;
      presence.appendChild(badge);
      presence.appendChild(document.createTextNode(" "));
    });
  }

  function report(state) {
    if (!presence) { return; }
    var body = new URLSearchParams({ _csrf: presence.getAttribute("data-csrf"), state: state });
    var url = presence.getAttribute("data-presence-url");
    if (state === "left" && navigator.sendBeacon) { navigator.sendBeacon(url, body); return; }
    fetch(url, { method: "POST", credentials: "same-origin", body: body })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (answer) {
        if (!answer) { return; }
        present = {};
        answer.present.forEach(function (entry) { present[entry.name] = { label: entry.label, until: Date.now() + 45000 }; });
        renderPresence();
      })
      .catch(function () {});
  }

  var url = liveURL();
  if (url && window.EventSource) {
    var source = new EventSource(url);
    var onChange = function (event) {
      var data = {};
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (results) { refreshList(); }
      if (conversation && data.conversation === conversation.getAttribute("data-conversation")) {
        announce(document.getElementById("live-status").getAttribute("data-message"));
      }
    };
    ["conversation.updated", "conversation.changed", "publication"].forEach(function (kind) {
      source.addEventListener(kind, onChange);
    });
    // Someone mentioned the person in a note: count it on the bell (the event names only the recipient).
    source.addEventListener("notification", function (event) {
      var data = {};
      try { data = JSON.parse(event.data); } catch (e) { return; }
      var bell = document.getElementById("notification-bell");
      if (!bell || data.user !== bell.getAttribute("data-me")) { return; }
      var count = bell.querySelector(".bell-count");
      var next = (parseInt(count.textContent, 10) || 0) + 1;
      count.textContent = String(next);
      bell.classList.add("has-unread");
      bell.setAttribute("aria-label", (bell.getAttribute("data-label") || "").replace("{count}", String(next)));
    });
    source.addEventListener("presence", function (event) {
      var data = {};
      try { data = JSON.parse(event.data); } catch (e) { return; }
      if (!conversation || data.conversation !== conversation.getAttribute("data-conversation")) { return; }
      if (presence && data.user === presence.getAttribute("data-me")) { return; }
      if (data.state === "left") { delete present[data.name]; } else {
        var label = presence.getAttribute("data-label-" + data.state) || data.state;
        present[data.name] = { label: label, until: Date.now() + 45000 };
      }
      renderPresence();
    });
  }

  if (results) { rememberRows(); }
  if (presence) {
    report("viewing");
    setInterval(function () { report("viewing"); renderPresence(); }, 20000);
    var lastTyping = 0;
    var box = document.getElementById("reply-body");
    if (box) {
      box.addEventListener("input", function () {
        if (Date.now() - lastTyping > 5000) { lastTyping = Date.now(); report("typing"); }
      });
    }
    window.addEventListener("pagehide", function () { report("left"); });
  }
})();

// Content: the board's drag and drop, and the live check of a variant against its network.
// Both post the same forms the page has without JavaScript.
(function () {
  "use strict";

  var board = document.querySelector("[data-board]");
  if (board) {
    var dragged = null;
    board.addEventListener("dragstart", function (event) {
      var card = event.target instanceof Element ? event.target.closest("[data-card]") : null;
      if (!card) { return; }
      dragged = card;
      card.classList.add("dragging");
      if (event.dataTransfer) { event.dataTransfer.effectAllowed = "move"; event.dataTransfer.setData("text/plain", card.getAttribute("data-card")); }
    });
    board.addEventListener("dragend", function () {
      if (dragged) { dragged.classList.remove("dragging"); }
      Array.prototype.forEach.call(board.querySelectorAll(".drop-target"), function (column) { column.classList.remove("drop-target"); });
    });
    board.addEventListener("dragover", function (event) {
      var column = event.target instanceof Element ? event.target.closest("[data-board-column]") : null;
      if (!column || !dragged) { return; }
      event.preventDefault();
      column.classList.add("drop-target");
    });
    board.addEventListener("dragleave", function (event) {
      var column = event.target instanceof Element ? event.target.closest("[data-board-column]") : null;
      if (column && !column.contains(event.relatedTarget)) { column.classList.remove("drop-target"); }
    });
    board.addEventListener("drop", function (event) {
      var column = event.target instanceof Element ? event.target.closest("[data-board-column]") : null;
      if (!column || !dragged) { return; }
      event.preventDefault();
      var form = dragged.querySelector("form.board-move");
      var select = form ? form.querySelector("select[name=status]") : null;
      var status = column.getAttribute("data-board-column");
      if (!form || !select || select.value === status) { return; }
      select.value = status;
      if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
    });
  }

  function renderCheck(output, answer) {
    output.textContent = "";
    if (!answer || !answer.counted) { return; }
    var counted = document.createElement("p");
    counted.className = "counted" + (answer.over ? " breach" : "");
    counted.textContent = answer.counted;
    output.appendChild(counted);
    (answer.errors || []).forEach(function (text) {
      var line = document.createElement("p"); line.className = "error"; line.textContent = text; output.appendChild(line);
    });
    (answer.warnings || []).forEach(function (text) {
      var line = document.createElement("p"); line.className = "warning"; line.textContent = text; output.appendChild(line);
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("form[data-check-url]"), function (form) {
    var output = form.querySelector("[data-check-output]");
    if (!output) { return; }
    var timer = null;
    var sequence = 0;
    function check() {
      var mine = ++sequence;
      var body = new URLSearchParams();
      Array.prototype.forEach.call(form.elements, function (field) {
        if (!field.name || field.disabled) { return; }
        if ((field.type === "checkbox" || field.type === "radio") && !field.checked) { return; }
        if (field.tagName === "BUTTON") { return; }
        body.append(field.name, field.value);
      });
      fetch(form.getAttribute("data-check-url"), { method: "POST", credentials: "same-origin", body: body, headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (answer) { if (mine === sequence && answer) { renderCheck(output, answer); } })
        .catch(function () {});
    }
    form.addEventListener("input", function (event) {
      if (!(event.target instanceof Element) || !event.target.hasAttribute("data-check-input")) { return; }
      clearTimeout(timer);
      timer = setTimeout(check, 400);
    });
    form.addEventListener("change", function (event) {
      if (event.target instanceof Element && event.target.hasAttribute("data-check-input")) { check(); }
    });
  });
})();

// Calendar: drag a scheduled post to another day (the server keeps its local time), and "Use this slot"
// links fill the schedule form. Without this, each post has a Move form and the links reload the page.
(function () {
  "use strict";

  var grid = document.querySelector("[data-calendar]");
  var moveForm = document.getElementById("calendar-move-form");
  var dragged = null;

  function submit(form) {
    if (typeof form.requestSubmit === "function") { form.requestSubmit(); } else { form.submit(); }
  }

  function dayOf(target) { return target instanceof Element ? target.closest("[data-day]") : null; }

  if (grid && moveForm) {
    grid.addEventListener("dragstart", function (event) {
      var post = event.target instanceof Element ? event.target.closest("[data-move-url]") : null;
      if (!post) { return; }
      dragged = post;
      post.classList.add("dragging");
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", post.getAttribute("data-move-url"));
    });
    grid.addEventListener("dragend", function () {
      if (dragged) { dragged.classList.remove("dragging"); }
      dragged = null;
      Array.prototype.forEach.call(grid.querySelectorAll(".drop-target"), function (cell) { cell.classList.remove("drop-target"); });
    });
    grid.addEventListener("dragover", function (event) {
      var cell = dayOf(event.target);
      if (!dragged || !cell) { return; }
      event.preventDefault();
      event.dataTransfer.dropEffect = "move";
      Array.prototype.forEach.call(grid.querySelectorAll(".drop-target"), function (other) {
        if (other !== cell) { other.classList.remove("drop-target"); }
      });
      cell.classList.add("drop-target");
    });
    grid.addEventListener("drop", function (event) {
      var cell = dayOf(event.target);
      if (!dragged || !cell) { return; }
      event.preventDefault();
      if (dragged.closest("[data-day]") === cell) { return; }
      moveForm.setAttribute("action", dragged.getAttribute("data-move-url"));
      moveForm.querySelector("input[name=day]").value = cell.getAttribute("data-day");
      submit(moveForm);
    });
  }

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-fill-at]") : null;
    var at = document.getElementById("schedule-at");
    var channel = document.getElementById("schedule-channel");
    if (!link || !at) { return; }
    event.preventDefault();
    at.value = link.getAttribute("data-fill-at");
    if (channel && link.getAttribute("data-fill-channel")) { channel.value = link.getAttribute("data-fill-channel"); }
    at.focus();
  });
})();
