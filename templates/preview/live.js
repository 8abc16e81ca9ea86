// Refresh the page's content when the server has rebuilt: it sends the new version
// number as a server-sent event. The new page replaces <main>; the scroll stays.
(function () {
  "use strict";
  var version = document.body.getAttribute("data-version");
  var busy = false;

  function refresh() {
    busy = true;
    fetch(location.pathname, { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var page = new DOMParser().parseFromString(text, "text/html");
        var main = page.querySelector("main");
        if (main) {
          document.querySelector("main").replaceWith(document.adoptNode(main));
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
    if (event.data !== version && !busy) {
      refresh();
    }
  };
})();
