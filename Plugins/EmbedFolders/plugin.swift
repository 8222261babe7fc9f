import Foundation
import PackagePlugin

/// Embeds folders of the package into the target that uses this plugin at build time: the
/// default theme (theme/) as `BuiltInTheme.files`, and the site `unionsite init` writes
/// (starter/) as `StarterSite.files`. Each folder is its files' one copy, and a change to any of
/// them builds the target again.
@main
struct EmbedFolders: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let tool = try context.tool(named: "embed-files").url
        return [("theme", "BuiltInTheme"), ("starter", "StarterSite")].map { folder, name in
            let root = context.package.directoryURL.appending(path: folder)
            var inputs: [URL] = []
            if let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey]) {
                for case let url as URL in walk where (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
                    inputs.append(url)
                }
            }
            let output = context.pluginWorkDirectoryURL.appending(path: name + ".swift")
            return .buildCommand(displayName: "Embedding \(folder)/ as \(name)", executable: tool,
                                 arguments: [root.path, output.path, name], inputFiles: inputs, outputFiles: [output])
        }
    }
}
