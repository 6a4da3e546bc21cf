"""`xhprint serve`: the editor's desk — an issue's pages live in the browser (issue 12).

One process keeps the issue laid out (incremental.Watcher with its BuildSession) and
serves one HTML page, a JSON description of the pages (`/api/issue`), screen PNGs of
the pages and a Server-Sent Events stream that pushes each rebuild to the browser.
Standard library HTTP only; the page is plain HTML, CSS and JavaScript, no build step,
nothing fetched from elsewhere.

    words.py   every word the desk shows or prints (msg/nmsg, translated where shown)
    screen.py  page → screen PNG (pdfium), cached by page content
    state.py   a build → the /api/issue JSON (pure functions)
    desk.py    the published state (thread-safe) and the rebuild driver
    http.py    the HTTP server: routes, SSE, loopback-only Host check
    app.py     `xhprint serve`: bind, print the URL, rebuild until Ctrl-C or SIGTERM
"""
