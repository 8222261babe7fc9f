import Template
/// What the preview server adds to every HTML response (never to the files on disk): the live
/// reload script, and while the last build is failing, the error overlay.
public enum Injection {
    /// The element id of the error overlay.
    public static let overlayID = "__unionsite-overlay"

    /// The page with the script (and the overlay when `status.error` is set) inserted just
    /// before the last `</body>`, or at the end when there is none.
    public static func inject(into html: [UInt8], status: LiveReload.Status) -> [UInt8] {
        var snippet = ""
        if let error = status.error { snippet += overlay(error) }
        snippet += script(build: status.build)
        let bytes = Array(snippet.utf8)
        guard let at = lastBodyClose(in: html) else { return html + bytes }
        var out = html
        out.insert(contentsOf: bytes, at: at)
        return out
    }

    /// The overlay box: fixed over the page, monospace, the error text escaped.
    static func overlay(_ error: String) -> String {
        "<div id=\"\(overlayID)\" style=\"\(overlayStyle)\"><div style=\"\(titleStyle)\">\(overlayTitle)</div>"
            + "<pre style=\"\(preStyle)\">\(escapeHTML(error))</pre></div>"
    }

    static let overlayTitle = "unionsite: the build failed. The page shows the last good build; fix the error and save."
    static let overlayStyle = "position:fixed;z-index:2147483647;left:2vw;right:2vw;top:2vh;max-height:90vh;overflow:auto;"
        + "box-sizing:border-box;padding:1em 1.2em;background:#fff8f8;color:#222;border:3px solid #c00;"
        + "box-shadow:0 4px 24px rgba(0,0,0,.35);font:14px/1.5 monospace;text-align:left"
    static let titleStyle = "color:#c00;font-weight:bold;margin-bottom:.6em"
    static let preStyle = "margin:0;white-space:pre-wrap;font:inherit"

    /// The live reload script: reloads after a good build that the page is not from, shows
    /// the errors of a failed one. It builds the overlay with `textContent`, so error text is
    /// never parsed as HTML.
    static func script(build: String) -> String {
        """
        <script data-unionsite-live-reload>(function () {
        var build = \(LiveReload.jsonString(build));
        function show(text) {
          var box = document.getElementById("\(overlayID)");
          if (!box) { box = document.createElement("div"); box.id = "\(overlayID)"; (document.body || document.documentElement).appendChild(box); }
          box.setAttribute("style", "\(overlayStyle)");
          box.textContent = "";
          var title = document.createElement("div"); title.setAttribute("style", "\(titleStyle)");
          title.textContent = "\(overlayTitle)";
          var pre = document.createElement("pre"); pre.setAttribute("style", "\(preStyle)"); pre.textContent = text;
          box.appendChild(title); box.appendChild(pre);
        }
        if (!window.EventSource) return;
        var events = new EventSource("\(LiveReload.eventsPath)?page=" + encodeURIComponent(location.pathname));
        events.addEventListener("build", function (e) {
          var s; try { s = JSON.parse(e.data); } catch (_) { return; }
          if (s.error) { show(s.error); } else if (s.build !== build) { events.close(); location.reload(); }
        });
        })();</script>
        """
    }


    /// The offset of the last `</body` (any case) in the bytes.
    static func lastBodyClose(in html: [UInt8]) -> Int? {
        let needle = Array("</body".utf8)
        guard html.count >= needle.count else { return nil }
        var i = html.count - needle.count
        while i >= 0 {
            var match = true
            for j in 0..<needle.count where lower(html[i + j]) != needle[j] {
                match = false
                break
            }
            if match { return i }
            i -= 1
        }
        return nil
    }

    private static func lower(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b
    }
}
