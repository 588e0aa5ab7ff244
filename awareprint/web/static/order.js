// The order form made live: the preview follows each change, the logo is uploaded as it
// is chosen, and a piece's sizes are the ones it comes in. The form works without this.
"use strict";
(function () {
  const form = document.getElementById("order-form");
  if (!form) return;
  const frame = document.getElementById("preview-frame");
  const which = document.getElementById("preview-which");
  const pagesBox = document.getElementById("preview-pages");
  const label = document.getElementById("preview-label");
  const itemField = form.elements["preview_item"];
  const pageField = form.elements["preview_page"];
  const logoInput = form.elements["partner.logo"];
  let timer = null;
  let running = null;

  function rowOf(element) {
    const row = element.closest("[data-item]");
    return row ? row.dataset.item : null;
  }

  function show(name, messages) {
    const field = form.querySelector(`[data-field="${CSS.escape(name)}"] .messages`) ||
      form.querySelector(`[data-item="${CSS.escape(name.split(".")[1] || "")}"] > .messages`);
    if (!field) return;
    for (const message of messages) {
      const line = document.createElement("p");
      line.className = "problem";
      line.dataset.for = name;
      line.textContent = message;
      field.appendChild(line);
    }
    field.closest(".field, .item")?.classList.add("invalid");
  }

  // The fields a preview checks: the partner's, and the shown row's piece. Messages of
  // the others (orderer, quantity) came from placing the order and stay until it is placed
  // again; the logo's, until a logo is chosen again.
  function previewChecks(name, row) {
    return name.startsWith("partner.") && name !== "partner.logo" || name === `items.${row}` ||
      /^items\.\d+\.(layout|sizes|languages|state|notice)$/.test(name) &&
      name.split(".")[1] === row;
  }

  function clearMessages(row) {
    for (const box of form.querySelectorAll(".messages")) {
      const holder = box.closest("[data-field], [data-item]");
      const name = holder.dataset.field ?? `items.${holder.dataset.item}`;
      if (previewChecks(name, row)) {
        box.replaceChildren();
        box.closest(".field, .item")?.classList.remove("invalid");
      }
    }
  }

  function say(text, kind) {
    const line = document.createElement("p");
    line.className = kind;
    line.textContent = text;
    frame.replaceChildren(line);
  }

  function showPages(count, current) {
    pagesBox.replaceChildren();
    if (count < 2) return;
    for (let page = 0; page < count; page++) {
      const button = document.createElement("button");
      button.type = "button";
      button.className = "secondary page" + (page === current ? " current" : "");
      button.textContent = `Page ${page + 1}`;
      button.addEventListener("click", () => { pageField.value = String(page); refresh(0); });
      pagesBox.appendChild(button);
    }
  }

  async function refresh(delay) {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (running) running.abort();
      running = new AbortController();
      const data = new FormData(form);
      data.delete("partner.logo");
      frame.classList.add("busy");
      try {
        const response = await fetch("/preview", { method: "POST", body: data,
                                                   signal: running.signal });
        const answer = await response.json();
        const row = String(answer.item);
        clearMessages(row);
        for (const [name, messages] of Object.entries(answer.errors || {})) show(name, messages);
        which.textContent = `of item ${answer.item + 1}`;
        label.textContent = answer.label ? `${answer.label} · ` : "";
        if (answer.image) {
          const image = document.createElement("img");
          image.id = "preview-image";
          image.alt = "Preview of the piece";
          image.src = answer.image;
          frame.replaceChildren(image);
        } else if (answer.error) {
          say(answer.error, "problem");
        } else {
          say("Correct the marked fields to see the preview.", "hint");
        }
        showPages(answer.pages, Number(pageField.value));
      } catch (error) {
        if (error.name !== "AbortError") say("The preview could not be loaded; the order can still be placed.", "problem");
      } finally {
        frame.classList.remove("busy");
      }
    }, delay);
  }

  function fitSizes(row) {
    const layout = form.elements[`items.${row}.layout`].value;
    for (const label of form.querySelectorAll(`[data-item="${row}"] .sizes label`)) {
      const fits = !layout || label.dataset.layouts.split(" ").includes(layout);
      label.hidden = !fits;
      if (!fits) label.querySelector("input").checked = false;
    }
    const notice = layout === "notice";
    for (const field of form.querySelectorAll(`[data-item="${row}"] .notice-only`)) {
      field.hidden = !notice;
      if (!notice) field.querySelector("select").value = "";  // no hidden state is sent
    }
  }

  async function uploadLogo() {
    const file = logoInput.files[0];
    if (!file) return;
    const data = new FormData();
    data.append("csrf", form.elements["csrf"].value);
    data.append("partner.logo", file);
    const box = form.querySelector('[data-field="partner.logo"] .messages');
    box.replaceChildren();
    try {
      const response = await fetch("/logo", { method: "POST", body: data });
      if (!response.ok) {
        logoInput.value = "";  // not sent again with the order
        const answer = response.status === 413 ? null : await response.json();
        show("partner.logo", answer ? answer.errors["partner.logo"] : [await response.text()]);
        return;
      }
      const answer = await response.json();
      form.elements["logo_id"].value = answer.logo_id;
      form.elements["logo_name"].value = answer.logo_name;
      const kept = document.getElementById("logo-kept");
      const remove = document.createElement("label");
      remove.className = "check";
      remove.innerHTML = '<input type="checkbox" name="remove_logo" value="1"> remove it';
      kept.replaceChildren(`Using ${answer.logo_name}. `, remove);
      logoInput.value = "";
      refresh(0);
    } catch (error) {
      show("partner.logo", ["The logo could not be uploaded; it is sent with the order instead."]);
    }
  }

  for (const row of form.querySelectorAll("[data-item]")) fitSizes(row.dataset.item);
  form.addEventListener("change", (event) => {
    const row = rowOf(event.target);
    if (event.target === logoInput) { uploadLogo(); return; }
    if (event.target.classList.contains("layout")) fitSizes(row);
    if (row !== null && row !== itemField.value) { itemField.value = row; pageField.value = "0"; }
    refresh(150);
  });
  form.addEventListener("input", (event) => {
    if (event.target.tagName === "INPUT" && event.target.type !== "file") {
      const row = rowOf(event.target);
      if (row !== null && row !== itemField.value) { itemField.value = row; pageField.value = "0"; }
      refresh(400);
    }
  });
  for (const button of form.querySelectorAll(".preview-button")) {
    button.addEventListener("click", (event) => {
      event.preventDefault();
      itemField.value = rowOf(button);
      pageField.value = "0";
      refresh(0);
    });
  }
  // A page sent back with problems keeps them in view: the next change previews again.
  if (!document.getElementById("form-problems") &&
      form.elements[`items.${itemField.value}.layout`]?.value) refresh(0);
})();
