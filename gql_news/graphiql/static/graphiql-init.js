// Starts GraphiQL on the page gql_news serves at GET /graphql. Everything the page needs is
// read from the page itself (the endpoint from a data attribute, the example queries from
// non-executable <script type="application/graphql"> blocks), so the page runs no inline
// script and its Content-Security-Policy can forbid them.
(function () {
  "use strict";
  var container = document.getElementById("graphiql");
  var endpoint = new URL(container.dataset.endpoint, window.location.href);
  var subscriptions = new URL(endpoint.href);
  subscriptions.protocol = endpoint.protocol === "https:" ? "wss:" : "ws:";
  var tabs = Array.prototype.map.call(
    document.querySelectorAll('script[type="application/graphql"]'),
    function (block) {
      return { query: block.textContent.replace(/^\n/, "") };
    }
  );
  var fetcher = GraphiQL.createFetcher({
    url: endpoint.href,
    subscriptionUrl: subscriptions.href,
    // The GraphQL-over-HTTP media type first: errors come with their real HTTP status.
    headers: { Accept: container.dataset.accept },
  });
  // The click-to-build explorer (@graphiql/plugin-explorer) beside the docs pane. The docs pane
  // opens only on a wide screen: on a laptop it would take a third of the window from the query.
  var explorer = GraphiQLPluginExplorer.explorerPlugin({ showAttribution: false });
  var wide = window.matchMedia("(min-width: " + container.dataset.docsMinWidth + "px)").matches;
  ReactDOM.createRoot(container).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultTabs: tabs,
      plugins: [explorer],
      visiblePlugin: wide ? container.dataset.visiblePlugin : undefined,
      defaultEditorToolsVisibility: false,
    })
  );
})();
