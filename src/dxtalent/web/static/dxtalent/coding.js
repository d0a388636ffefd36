/* The coding page: text selected in the transcript fills the start and end fields, in Unicode
 * code points from the start of the text (the browser counts UTF-16 units; characters outside
 * the Basic Multilingual Plane, such as emoji, count once here, as REFI-QDA and the server do). */
(function () {
  "use strict";
  var transcript = document.getElementById("transcript");
  var start = document.getElementById("start"), end = document.getElementById("end");
  var preview = document.getElementById("selection-preview");
  if (!transcript || !start || !end) { return; }
  function codePoints(text) { return Array.from(text).length; }
  function offsetOf(node, offset) {
    var range = document.createRange();
    range.selectNodeContents(transcript);
    range.setEnd(node, offset);
    return codePoints(range.toString());
  }
  document.addEventListener("selectionchange", function () {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) { return; }
    var range = selection.getRangeAt(0);
    if (!transcript.contains(range.startContainer) || !transcript.contains(range.endContainer)) { return; }
    var from = offsetOf(range.startContainer, range.startOffset);
    var to = offsetOf(range.endContainer, range.endOffset);
    start.value = Math.min(from, to);
    end.value = Math.max(from, to);
    var text = range.toString();
    preview.textContent = "«" + (text.length > 60 ? text.slice(0, 60) + "…" : text) + "» (" + start.value + "–" + end.value + ")";
  });
})();
