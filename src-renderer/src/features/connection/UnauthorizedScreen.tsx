/** Full page when the server refuses us: retrying cannot help, the person needs the right link. */
export function UnauthorizedScreen() {
  return (
    <main className="fullscreen-message" data-testid="unauthorized-screen">
      <div className="fullscreen-card">
        <h1>Dual Orchestrator</h1>
        <p className="lead">This page needs the link with its access token printed when the app started.</p>
        <p>
          Look for the line starting with <code>Open: http://…/?token=…</code> in the terminal where Dual Orchestrator runs, and open that
          link. Each start prints a new token unless one is fixed with <code>--token</code> or <code>DUAL_ORCH_TOKEN</code>.
        </p>
      </div>
    </main>
  );
}
