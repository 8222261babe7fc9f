// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way: unionsite → Serve → Site → (Template, FrontMatter, COpenCC, CVipsShim → CVips,
// Markdown → (CCmark, HTML → CGumbo)),
// and every module that reports located problems → Diagnostics (the one `Diagnostic` type and its text).
// The template engine knows nothing of sites and is tested on its own.
let package = Package(
    name: "unionsite",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "unionsite", targets: ["unionsite"]),
        .library(name: "Template", targets: ["Template"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Test-only: the front matter parser is checked against a real YAML parser.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // The preview server (`unionsite serve`) only. FlyingFox has no dependencies and adds little
        // to a clean build; Hummingbird brings SwiftNIO, many times that (Sources/Serve/Server.swift).
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Raw HTML in Markdown is parsed by gumbo (HTML5, as browsers parse) and sanitized by HTML.
        .systemLibrary(
            name: "CGumbo",
            pkgConfig: "gumbo",
            providers: [.apt(["libgumbo-dev"])]
        ),
        // Simplified ⇄ Traditional Chinese, phrase by phrase, with OpenCC's own dictionaries.
        .systemLibrary(
            name: "COpenCC",
            pkgConfig: "opencc",
            providers: [.apt(["libopencc-dev"])]
        ),
        // Photos: decoded at reduced scale, resized, rotated upright, saved without metadata.
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"])]
        ),
        // libvips' calls take variable arguments, which Swift cannot pass: fixed ones, in C.
        .target(name: "CVipsShim", dependencies: ["CVips"]),
        .target(name: "HTML", dependencies: ["CGumbo", "Diagnostics"], exclude: ["README.md"]),
        .target(name: "Diagnostics"),
        // A C shim for the system calls Swift cannot make (renameat2 for the atomic output swap), and
        // the invisible-character scan of every source file, sixteen bytes at a time with SSE2.
        .target(name: "CUnionsite"),
        .target(name: "Template", dependencies: ["Diagnostics"]),
        .target(name: "FrontMatter", dependencies: ["Diagnostics"], exclude: ["README.md"]),
        .target(name: "Markdown", dependencies: ["CCmark", "HTML", "Diagnostics"]),
        .target(name: "Site", dependencies: ["Diagnostics", "Template", "FrontMatter", "Markdown", "HTML", "CUnionsite", "COpenCC", "CVipsShim"],
                plugins: ["EmbedFolders"]),
        // The built-in theme (theme/) and the site `unionsite init` writes (starter/), compiled
        // into Site at build time (`BuiltInTheme`, `StarterSite`): the binary carries them, and
        // each folder stays its files' one copy.
        .executableTarget(name: "embed-files", path: "Tools/embed-files"),
        .plugin(name: "EmbedFolders", capability: .buildTool(), dependencies: ["embed-files"]),
        // The preview server: static files, live reload, the watcher. Only the serve command uses it.
        .target(
            name: "Serve",
            dependencies: ["Site", "Template", .product(name: "FlyingFox", package: "FlyingFox")]
        ),
        .executableTarget(
            name: "unionsite",
            dependencies: [
                "Site",
                "Serve",
                "Template",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "TemplateTests", dependencies: ["Template"]),
        .testTarget(
            name: "FrontMatterTests",
            dependencies: ["FrontMatter", .product(name: "Yams", package: "Yams")]
        ),
        .testTarget(name: "MarkdownTests", dependencies: ["Markdown"]),
        .testTarget(name: "HTMLTests", dependencies: ["HTML"]),
        // The txtar site writer and helpers that SiteTests and ServeTests share.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "SiteTests", dependencies: ["Site", "Template", "TestSupport"]),
        .testTarget(name: "ServeTests", dependencies: ["Serve", "Site", "TestSupport"]),
        // The commands' own code (the liquid command's errors), beside the Site and the modules it prints for.
        .testTarget(name: "CommandTests", dependencies: ["unionsite", "Site", "Template", "FrontMatter", "TestSupport"]),
    ]
)
