/* rcm agenda pages: every time in the viewer's zone, converted by the browser.
 *
 * The page holds each instant as a UTC ISO string (data-start, data-end); this
 * script only asks Intl.DateTimeFormat, with the browser's own tz database, for
 * the wall clock in the chosen zone. It never adds offsets of its own.
 * The zone comes from #tz=Area/City in the URL, else from the browser.
 */
(function () {
  "use strict";
  var doc = document;
  var lang = doc.documentElement.lang || "en";

  function formatDates() {
    var fmt = new Intl.DateTimeFormat(lang, { weekday: "long", year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    var short = new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
    doc.querySelectorAll("time.day, time.date").forEach(function (el) {
      var day = el.getAttribute("datetime");
      var when = new Date(day + "T00:00:00Z");
      if (!isNaN(when)) el.textContent = (el.classList.contains("day") ? fmt : short).format(when);
    });
    doc.querySelectorAll(".weekday").forEach(function (el) { el.hidden = true; });
  }

  var textEl = doc.getElementById("rcm-text");
  if (!textEl) { formatDates(); return; }
  var T = JSON.parse(textEl.textContent);
  var picker = doc.getElementById("tz-picker");
  var status = doc.getElementById("viewer-zone");
  var locals = doc.querySelectorAll(".local");

  function fill(text, values) {
    return text.replace(/%\((\w+)\)s/g, function (all, key) { return key in values ? values[key] : all; });
  }
  function browserZone() {
    try { return Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC"; } catch (e) { return "UTC"; }
  }
  function knownZone(zone) {
    try { new Intl.DateTimeFormat("en", { timeZone: zone }); return true; } catch (e) { return false; }
  }
  function hashZone() {
    var m = /(?:^#|&)tz=([^&]*)/.exec(location.hash);
    return m ? decodeURIComponent(m[1]) : "";
  }
  function clock(when, zone) {
    return new Intl.DateTimeFormat(lang, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: zone }).format(when);
  }
  function dayNumber(when, zone) {  /* the local calendar date, as days since 1970 */
    var parts = {};
    new Intl.DateTimeFormat("en-US", { year: "numeric", month: "numeric", day: "numeric", timeZone: zone })
      .formatToParts(when).forEach(function (p) { parts[p.type] = p.value; });
    return Date.UTC(+parts.year, +parts.month - 1, +parts.day) / 86400000;
  }
  function offsetName(when, zone) {
    try {
      var parts = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "shortOffset" }).formatToParts(when);
      for (var i = 0; i < parts.length; i++) if (parts[i].type === "timeZoneName") return parts[i].value;
    } catch (e) { /* older browsers: no offset name */ }
    return "";
  }

  function show(zone, chosen, unknown) {
    var first = locals.length ? new Date(locals[0].getAttribute("data-start")) : new Date();
    var values = { zone: zone, offset: offsetName(first, zone), browser: browserZone() };
    status.textContent = fill(unknown ? T.unknown : (chosen ? T.chosen : T.browser), unknown ? { zone: unknown, browser: zone } : values);
    doc.querySelectorAll(".zone-name").forEach(function (el) { el.textContent = zone.replace(/\//g, "/\u200b"); });
    locals.forEach(function (el) {
      var start = new Date(el.getAttribute("data-start"));
      var end = new Date(el.getAttribute("data-end"));
      var published = Date.parse(el.getAttribute("data-date") + "T00:00:00Z") / 86400000;
      var shift = dayNumber(start, zone) - published;
      el.textContent = clock(start, zone) + "\u2013" + clock(end, zone);
      el.setAttribute("data-shift", String(shift));
      el.classList.toggle("other-day", shift !== 0);
      if (shift !== 0) {
        var mark = doc.createElement("span");
        mark.className = "shift";
        mark.textContent = " (" + (shift > 0 ? T.next_day : T.previous_day) + ")";
        el.appendChild(mark);
      }
    });
    doc.querySelectorAll("nav .langs a").forEach(function (a) {
      a.setAttribute("href", a.getAttribute("href").split("#")[0] + (chosen ? "#tz=" + zone : ""));
    });
  }

  function apply() {
    var wanted = hashZone();
    if (wanted && knownZone(wanted)) {
      choose(wanted);
      show(wanted, true, "");
    } else {
      picker.value = "";
      show(browserZone(), false, wanted);
    }
  }
  function choose(zone) {
    for (var i = 0; i < picker.options.length; i++) {
      if (picker.options[i].value === zone) { picker.selectedIndex = i; return; }
    }
    var extra = doc.createElement("option");
    extra.value = zone;
    extra.textContent = zone;
    doc.getElementById("tz-all").appendChild(extra);
    picker.value = zone;
  }

  function fillZones() {
    if (typeof Intl.supportedValuesOf !== "function") return;
    var group = doc.getElementById("tz-all");
    Intl.supportedValuesOf("timeZone").forEach(function (zone) {
      var option = doc.createElement("option");
      option.value = zone;
      option.textContent = zone.replace(/_/g, " ");
      group.appendChild(option);
    });
  }

  doc.documentElement.classList.add("js");
  doc.querySelectorAll(".js-only").forEach(function (el) { el.hidden = false; });
  formatDates();
  fillZones();
  picker.addEventListener("change", function () {
    var zone = picker.value;
    if (zone) {
      location.hash = "tz=" + zone;
    } else {
      history.replaceState(null, "", location.pathname + location.search);
      apply();
    }
  });
  window.addEventListener("hashchange", apply);
  apply();
})();
