// Served from this API, never a CDN, so the IDE works on a machine with no internet.
(() => {
  var defaultQuery = [
    '# 技能云南开放培训目录 — Skills Yunnan open training catalogue',
    '# Press the run button (or Ctrl-Enter). The Docs panel lists every type and field.',
    '{',
    '  regions(level: PREFECTURE) { code name }',
    '  courses(first: 5, filter: { region: "530100" }) {',
    '    totalCount',
    '    nodes { title startDate subsidyPerTrainee institution { name standing } region { name }',
    '      compliance { ruleId passed message clause } }',
    '  }',
    '}',
  ].join('\n');
  var fetcher = GraphiQL.createFetcher({ url: `${window.location.origin}/graphql` });
  ReactDOM.createRoot(document.getElementById('graphiql')).render(
    React.createElement(GraphiQL, { fetcher: fetcher, defaultQuery: defaultQuery, defaultEditorToolsVisibility: true }),
  );
})();
