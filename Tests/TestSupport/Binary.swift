import Foundation

/// The built `unionsite` command (`swift build` makes it; `swift test` builds it with the tests,
/// whose CommandTests depend on its module).
public let unionsiteExecutable = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(".build/debug/unionsite").path

/// What a run of the command did: its exit status, standard output and standard error.
public struct CommandRun: Sendable {
    public var status: Int32
    public var output: String
    public var errors: String
}

/// Runs `unionsite ARGUMENTS` in `folder`, as an editor would in a terminal.
public func runUnionsite(_ arguments: [String], in folder: URL) throws -> CommandRun {
    guard FileManager.default.isExecutableFile(atPath: unionsiteExecutable) else {
        throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: unionsiteExecutable + " (build the executable first: swift build)"])
    }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: unionsiteExecutable)
    p.arguments = arguments
    p.currentDirectoryURL = folder
    // Standard error to a file, so that neither pipe fills while the other is read.
    let errorsFile = FileManager.default.temporaryDirectory.appendingPathComponent("unionsite-stderr-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: errorsFile.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: errorsFile) }
    let out = Pipe()
    p.standardOutput = out
    p.standardError = try FileHandle(forWritingTo: errorsFile)
    try p.run()
    let output = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    let errors = FileManager.default.contents(atPath: errorsFile.path) ?? Data()
    return CommandRun(status: p.terminationStatus, output: String(decoding: output, as: UTF8.self),
                      errors: String(decoding: errors, as: UTF8.self))
}
