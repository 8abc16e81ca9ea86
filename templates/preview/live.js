// Refresh the page's content when the server has rebuilt: it sends the new version
// number and the files written as a server-sent event. The frames and pictures of
// those files are sent to them at once; then the new page's <main> takes the place of
// this one's, keeping what did not change (not laid out again) and the frames of the
// web pages, which are sent to their new address instead of being made again: a new
// frame is a new document, often in a new process, and costs the reader more than its
// page. The scroll stays.
(function () {
  "use strict";
  var version = document.body.getAttribute("data-version");
  var busy = false;

  // The file a frame shows, or the first frame inside an element shows, without the
  // version that changes each rebuild; "" for none.
  function shown(node) {
    var frame = node.tagName === "IFRAME" ? node : node.querySelector("iframe");
    return frame ? frame.getAttribute("src").split("?")[0] : "";
  }

  // Whether `old` can stay in the place of `fresh`: the same, or made the same (the
  // same element showing the same file in a frame).
  function alike(old, fresh) {
    if (old.isEqualNode(fresh)) {
      return true;
    }
    return old.nodeType === Node.ELEMENT_NODE && old.tagName === fresh.tagName &&
      old.id === fresh.id && shown(old) !== "" && shown(old) === shown(fresh);
  }

  // Make `old` (kept, as the element it stands for) the same as `fresh`.
  function update(old, fresh) {
    if (old.isEqualNode(fresh)) {
      return;
    }
    Array.from(old.attributes).forEach(function (attribute) {
      if (!fresh.hasAttribute(attribute.name)) {
        old.removeAttribute(attribute.name);
      }
    });
    Array.from(fresh.attributes).forEach(function (attribute) {
      if (old.tagName === "IFRAME" && attribute.name === "src") {
        show(old, attribute.value);
      } else if (old.getAttribute(attribute.name) !== attribute.value) {
        old.setAttribute(attribute.name, attribute.value);
      }
    });
    if (old.tagName !== "IFRAME") {
      morph(old, fresh);
    }
  }

  // Send a frame to `address`, unless it is there or on its way: replaced, not
  // followed, so that the back button leaves the page, as before. (Its src stays the
  // first address; the server ignores the version.)
  function show(frame, address) {
    if ((frame.shows || frame.getAttribute("src")) !== address) {
      frame.contentWindow.location.replace(address);
      frame.shows = address;
    }
  }

  // Send the frames and pictures of the files the server says were written (`files`:
  // topic -> file -> the build that wrote it) to their new address now, while the
  // page is fetched; the page then finds them where it has them.
  function early(files) {
    document.querySelectorAll("main iframe, main .pages img").forEach(function (element) {
      var address = element.getAttribute("src").split("?")[0];
      var parts = address.split("/");  // "", "files", topic, file
      var written = files[decodeURIComponent(parts[2] || "")] || {};
      var build = written[decodeURIComponent(parts[3] || "")];
      if (parts[1] !== "files" || build === undefined) {
        return;
      }
      var fresh = address + "?v=" + build;
      if (element.tagName === "IFRAME") {
        show(element, fresh);
      } else {
        element.setAttribute("src", fresh);
        if (element.parentNode.tagName === "A") {
          element.parentNode.setAttribute("href", fresh);
        }
      }
    });
  }

  // Give `old` the children of `fresh` (another document's), in order, keeping each
  // child of `old` that is alike the one it comes to (a text only where it is).
  function morph(old, fresh) {
    var cursor = old.firstChild;
    Array.from(fresh.childNodes).forEach(function (node) {
      var match = cursor;
      if (node.nodeType === Node.ELEMENT_NODE) {
        while (match && !alike(match, node)) {
          match = match.nextSibling;
        }
      } else if (match && !match.isEqualNode(node)) {
        match = null;
      }
      if (!match) {
        old.insertBefore(document.adoptNode(node), cursor);
        return;
      }
      while (cursor !== match) {
        var gone = cursor;
        cursor = cursor.nextSibling;
        gone.remove();
      }
      cursor = match.nextSibling;
      update(match, node);
    });
    while (cursor) {
      var rest = cursor;
      cursor = cursor.nextSibling;
      rest.remove();
    }
  }

  function refresh() {
    busy = true;
    fetch(location.pathname, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var page = new DOMParser().parseFromString(text, "text/html");
        var main = page.querySelector("main");
        if (main) {
          morph(document.querySelector("main"), main);
          document.title = page.title;
          version = page.body.getAttribute("data-version");
          document.body.setAttribute("data-version", version);
        }
      })
      .catch(function () {})
      .then(function () { busy = false; });
  }

  var events = new EventSource("/events");
  events.onmessage = function (event) {
    var news = JSON.parse(event.data);  // {"version": 7, "files": {...}}: Session.news
    if (String(news.version) !== version) {
      early(news.files);
      if (!busy) {
        refresh();
      }
    }
  };
})();
