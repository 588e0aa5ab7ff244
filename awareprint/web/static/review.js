// The reviewer's page made live: the piece's preview follows the translation as it is
// typed (nothing is saved). The page works without this: its Preview button does the same.
"use strict";
(function () {
  const form = document.getElementById("edit");
  const frame = document.getElementById("preview-frame");
  const label = document.getElementById("preview-label");
  if (!form || !frame || !label) return;
  let timer = null;
  let running = null;

  function say(text, kind) {
    const line = document.createElement("p");
    line.className = kind;
    line.textContent = text;
    frame.replaceChildren(line);
  }

  function refresh() {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (running) running.abort();
      running = new AbortController();
      frame.classList.add("busy");
      try {
        // Not form.action: the buttons named "action" shadow it.
        const response = await fetch(form.getAttribute("action") + "/preview", {
          method: "POST", body: new FormData(form), signal: running.signal });
        const answer = await response.json();
        if (answer.image) {
          const image = document.createElement("img");
          image.id = "preview-image";
          image.alt = `${answer.label}, the string's slot outlined`;
          image.src = answer.image;
          frame.replaceChildren(image);
        } else if (answer.error) {
          say(answer.error, "problem");
        }
        label.textContent = answer.label ? answer.label +
          (answer.outlined ? ": its slot outlined in magenta" : "") : "";
      } catch (error) {
        if (error.name !== "AbortError") say("The preview could not be loaded; the Preview button still works.", "problem");
      } finally {
        frame.classList.remove("busy");
      }
    }, 400);
  }

  for (const field of form.querySelectorAll("textarea")) {
    field.addEventListener("input", refresh);
  }
})();
