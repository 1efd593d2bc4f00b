// Starts GraphQL Voyager (the schema map) on the page gql_news serves at GET /voyager: the
// schema comes from an introspection POSTed to the endpoint named by a data attribute, so the
// page runs no inline script and its Content-Security-Policy can forbid them.
(function () {
  "use strict";
  var container = document.getElementById("voyager");
  var endpoint = new URL(container.dataset.endpoint, window.location.href);
  var introspection = fetch(endpoint.href, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    body: JSON.stringify({ query: GraphQLVoyager.voyagerIntrospectionQuery }),
  }).then(function (response) {
    return response.json();
  });
  GraphQLVoyager.renderVoyager(container, {
    introspection: introspection,
    displayOptions: { rootType: "Query", showLeafFields: true },
    hideVoyagerLogo: true,
  });
})();
