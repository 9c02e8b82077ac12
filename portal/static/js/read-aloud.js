/* Read-aloud (朗读) for notices, village rules and legal-education articles.
 *
 * Progressive enhancement: the controls are rendered `hidden` and only revealed here, where the browser
 * has speech synthesis; without it (or without JavaScript) the page is simply a page. Only the main
 * content the template points at is read, never the menus, breadcrumbs or footer. The text is spoken
 * sentence by sentence because some engines stop a single long utterance after about 15 seconds.
 * No inline script or style anywhere, so a strict Content-Security-Policy can forbid both.
 */
(function () {
  "use strict";

  var synth = window.speechSynthesis;
  if (!synth || typeof window.SpeechSynthesisUtterance !== "function") {
    return;
  }

  // Elements after which a listener expects a pause; textContent alone would run headings into text.
  var BLOCKS = "h1,h2,h3,h4,h5,h6,p,li,dt,dd,tr,th,td,caption,figcaption,blockquote,section,div";
  // Not read: the controls themselves, anything hidden from people, and charts that repeat a table.
  var SKIPPED = "[data-read-aloud],script,style,template,[hidden],[aria-hidden='true'],svg,button,form";
  var MAX_CHUNK = 200;

  function readableText(target) {
    var copy = target.cloneNode(true);
    copy.querySelectorAll(SKIPPED).forEach(function (el) { el.remove(); });
    copy.querySelectorAll(BLOCKS).forEach(function (el) { el.append("\n"); });
    return copy.textContent.replace(/[ \t\u00a0\u3000]+/g, " ").replace(/\s*\n\s*/g, "\n").trim();
  }

  // A sentence longer than MAX_CHUNK is cut after its last comma (or space) that fits, else at the limit.
  function pieces(sentence) {
    var out = [];
    while (sentence.length > MAX_CHUNK) {
      var cut = Math.max(
        sentence.lastIndexOf("，", MAX_CHUNK - 1), sentence.lastIndexOf("、", MAX_CHUNK - 1),
        sentence.lastIndexOf(",", MAX_CHUNK - 1), sentence.lastIndexOf(" ", MAX_CHUNK - 1)
      );
      cut = cut > 0 ? cut + 1 : MAX_CHUNK;
      out.push(sentence.slice(0, cut).trim());
      sentence = sentence.slice(cut).trim();
    }
    if (sentence) { out.push(sentence); }
    return out;
  }

  // Sentences (Chinese and Western end marks, and line ends), packed into chunks of at most MAX_CHUNK.
  function chunks(text) {
    var sentences = text.match(/[^。！？!?；;\n]+[。！？!?；;]*/g) || [];
    var out = [];
    var current = "";
    sentences.forEach(function (raw) {
      pieces(raw.trim()).forEach(function (piece) {
        if (current && current.length + 1 + piece.length > MAX_CHUNK) {
          out.push(current);
          current = "";
        }
        current += (current ? " " : "") + piece;
      });
    });
    if (current) { out.push(current); }
    return out;
  }

  function voiceFor(lang) {
    var voices = synth.getVoices ? synth.getVoices() : [];
    var wanted = lang.toLowerCase();
    for (var i = 0; i < voices.length; i++) {
      if ((voices[i].lang || "").replace("_", "-").toLowerCase() === wanted) { return voices[i]; }
    }
    return null;
  }

  function setUp(box) {
    var target = document.querySelector(box.getAttribute("data-read-aloud"));
    if (!target) { return; }
    var lang = box.getAttribute("data-lang") || "zh-CN";
    var start = box.querySelector("[data-read-aloud-start]");
    var pause = box.querySelector("[data-read-aloud-pause]");
    var stop = box.querySelector("[data-read-aloud-stop]");
    var status = box.querySelector("[data-read-aloud-status]");
    var session = 0;

    function announce(state) {
      if (status) { status.textContent = status.getAttribute("data-label-" + state) || ""; }
    }

    function idle(state) {
      pause.hidden = true;
      stop.hidden = true;
      pause.textContent = pause.getAttribute("data-label-pause");
      announce(state);
    }

    start.addEventListener("click", function () {
      synth.cancel();
      session += 1;
      var mine = session;
      var parts = chunks(readableText(target));
      if (!parts.length) { return; }
      var voice = voiceFor(lang);
      parts.forEach(function (part, index) {
        var utterance = new window.SpeechSynthesisUtterance(part);
        utterance.lang = lang;
        utterance.rate = 0.9; // a little slower than the default: many listeners are older villagers
        if (voice) { utterance.voice = voice; }
        if (index === parts.length - 1) {
          utterance.onend = function () { if (mine === session) { idle("stopped"); } };
        }
        synth.speak(utterance);
      });
      // Pause and stop only appear while there is something to pause or stop: fewer buttons to puzzle over.
      pause.hidden = false;
      stop.hidden = false;
      announce("reading");
    });

    pause.addEventListener("click", function () {
      if (synth.paused) {
        synth.resume();
        pause.textContent = pause.getAttribute("data-label-pause");
        announce("reading");
      } else {
        synth.pause();
        pause.textContent = pause.getAttribute("data-label-resume");
        announce("paused");
      }
    });

    stop.addEventListener("click", function () {
      session += 1;
      synth.cancel();
      idle("stopped");
      start.focus();
    });

    // Leaving the page must not leave the browser talking.
    window.addEventListener("pagehide", function () { synth.cancel(); });
    box.hidden = false;
  }

  document.querySelectorAll("[data-read-aloud]").forEach(setUp);
})();
