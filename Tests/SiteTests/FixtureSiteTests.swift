import Foundation
import Testing
@testable import Site

/// Whole sites kept on disk as a user would write them (`Tests/Fixtures/<case>/site/`), each built
/// once and compared exactly with what `Tests/Fixtures/<case>/expected/` holds:
///
/// - `diagnostics.txt`: every error and warning, one `file:line:column: message` a line, in the
///   order the build gives them (a failed build: its errors and the warnings met on the way);
/// - `terminal.txt`: what `build` prints above its closing line (warnings summarised per kind,
///   then every error in full);
/// - `public/`: every output file, byte for byte, and no other (the fixture's own small theme
///   prints what the cases are about, so a change of the default theme does not touch them).
///
/// `UPDATE_FIXTURES=1 swift test --filter FixtureSite` writes the expected files from the build,
/// for a reviewed change of output; the diff is the review.
@Test(arguments: fixtureCases())
func fixtureSiteBuildsAsExpected(_ name: String) throws {
    let fixture = fixturesFolder.appendingPathComponent(name)
    let expected = fixture.appendingPathComponent("expected")
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-fixture-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: work) }
    try FileManager.default.copyItem(at: fixture.appendingPathComponent("site"), to: work)

    let diagnostics: [Diagnostic]
    do {
        diagnostics = try SiteBuilder(root: work).build().warnings
    } catch {
        diagnostics = error.diagnostics
    }
    let listed = diagnostics.map(\.summary).joined(separator: "\n") + "\n"
    let terminal = DiagnosticReport(diagnostics).lines().joined(separator: "\n") + "\n"
    let update = ProcessInfo.processInfo.environment["UPDATE_FIXTURES"] == "1"

    try compare(listed, expected.appendingPathComponent("diagnostics.txt"), update: update)
    try compare(terminal, expected.appendingPathComponent("terminal.txt"), update: update)
    let outputs = expected.appendingPathComponent("public")
    let built = work.appendingPathComponent("public")
    if update {
        try? FileManager.default.removeItem(at: outputs)
        if FileManager.default.fileExists(atPath: built.path) { try FileManager.default.copyItem(at: built, to: outputs) }
        return
    }
    let wanted = filesUnder(outputs), made = filesUnder(built)
    #expect(made == wanted, "\(name): the output files differ from expected/public")
    for path in wanted where made.contains(path) {
        let bytes = FileManager.default.contents(atPath: built.appendingPathComponent(path).path) ?? Data()
        try compare(String(decoding: bytes, as: UTF8.self), outputs.appendingPathComponent(path), update: false, label: "public/\(path)")
    }
}

/// Custom themes keep working over the built-in one: each fixture that builds, its `theme: none`
/// taken out of site.yml so that the built-in theme lies under its templates/, renders every
/// page byte for byte as expected/public holds it; the only files added are the built-in
/// assets its templates/ does not replace.
@Test(arguments: fixtureCases())
func fixtureSitesRenderTheSameOverTheBuiltInTheme(_ name: String) throws {
    let fixture = fixturesFolder.appendingPathComponent(name)
    let outputs = fixture.appendingPathComponent("expected/public")
    let wanted = filesUnder(outputs)
    guard !wanted.isEmpty else { return }  // a fixture of a failed build
    let work = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-fixture-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: work) }
    try FileManager.default.copyItem(at: fixture.appendingPathComponent("site"), to: work)
    let settings = work.appendingPathComponent("site.yml")
    let text = try String(contentsOf: settings, encoding: .utf8)
    try Data(text.replacingOccurrences(of: "\ntheme: none\n", with: "\n").utf8).write(to: settings)

    _ = try SiteBuilder(root: work).build()
    let built = work.appendingPathComponent("public")
    let own = Set(filesUnder(work.appendingPathComponent("templates/assets")).map { "assets/" + $0 })
    let builtInAssets = SiteTheme.builtIn.keys.filter { $0.hasPrefix("assets/") && !own.contains($0) }
    #expect(!builtInAssets.isEmpty)
    #expect(filesUnder(built) == (wanted + builtInAssets).sorted())
    for path in wanted {
        let bytes = FileManager.default.contents(atPath: built.appendingPathComponent(path).path) ?? Data()
        try compare(String(decoding: bytes, as: UTF8.self), outputs.appendingPathComponent(path), update: false, label: "\(name): public/\(path)")
    }
}

private let fixturesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

/// The folders of Tests/Fixtures that hold a site.
private func fixtureCases() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: fixturesFolder.path)) ?? []
    return names.filter { FileManager.default.fileExists(atPath: fixturesFolder.appendingPathComponent("\($0)/site").path) }.sorted()
}

/// The relative paths of the files under a folder, sorted.
private func filesUnder(_ folder: URL) -> [String] {
    guard let walk = FileManager.default.enumerator(atPath: folder.path) else { return [] }
    var paths: [String] = []
    while let path = walk.nextObject() as? String {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent(path).path, isDirectory: &isFolder), !isFolder.boolValue {
            paths.append(path)
        }
    }
    return paths.sorted()
}

/// Expects `actual` to be the file's text, line by line so that a difference names its line;
/// with `update`, writes it instead.
private func compare(_ actual: String, _ file: URL, update: Bool, label: String? = nil,
                     sourceLocation: SourceLocation = #_sourceLocation) throws {
    if update {
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: file)
        return
    }
    let wanted = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    let w = wanted.split(separator: "\n", omittingEmptySubsequences: false)
    let name = label ?? file.lastPathComponent
    for i in 0..<max(a.count, w.count) {
        let got = i < a.count ? String(a[i]) : "(nothing)"
        let want = i < w.count ? String(w[i]) : "(nothing)"
        if got != want {
            Issue.record("\(name), line \(i + 1):\n  expected: \(want)\n  built:    \(got)", sourceLocation: sourceLocation)
            return
        }
    }
}
