// dotterel dashboard: draw the Vega-Lite charts and fill the actor type-ahead.
// Every chart is an element with data-vega-spec="/api/...": the spec comes from the API.
(function () {
  "use strict";

  function showProblem(el, message) {
    el.textContent = message;
    el.classList.add("chart-error");
  }

  function drawChart(el) {
    fetch(el.dataset.vegaSpec, { headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("the chart data could not be loaded (" + response.status + ")");
        return response.json();
      })
      .then(function (spec) {
        return vegaEmbed(el, spec, { actions: false, renderer: "svg" });
      })
      .then(function () { el.dataset.rendered = "true"; })
      .catch(function (error) { showProblem(el, String(error.message || error)); });
  }

  function fillActors(list) {
    fetch("/api/actors")
      .then(function (response) { return response.ok ? response.json() : { actors: [] }; })
      .then(function (data) {
        data.actors.forEach(function (actor) {
          var option = document.createElement("option");
          option.value = actor.code;
          option.label = actor.code + " · " + actor.events + " events";
          list.appendChild(option);
        });
      });
  }

  function upperCaseCodes() {
    document.querySelectorAll("input.code").forEach(function (input) {
      input.addEventListener("change", function () { input.value = input.value.trim().toUpperCase(); });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (typeof vegaEmbed === "function") {
      document.querySelectorAll("[data-vega-spec]").forEach(drawChart);
    }
    if (document.querySelector("input[list='actor-codes']")) {
      fillActors(document.getElementById("actor-codes"));
    }
    upperCaseCodes();
  });
})();
