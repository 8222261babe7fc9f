// swift-tools-version:6.0
import PackageDescription

// Dependencies point one way: unionsite → Site → (Template, FrontMatter, Markdown → CCmark).
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
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .target(name: "Diagnostics"),
        // A C shim for the system calls Swift cannot make (renameat2 for the atomic output swap).
        .target(name: "CSystem"),
        .target(name: "Template", dependencies: ["Diagnostics"]),
        .target(name: "FrontMatter", dependencies: ["Diagnostics"], exclude: ["README.md"]),
        .target(name: "Markdown", dependencies: ["CCmark"]),
        .target(name: "Site", dependencies: ["Diagnostics", "Template", "FrontMatter", "Markdown", "CSystem"]),
        .executableTarget(
            name: "unionsite",
            dependencies: [
                "Site",
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
        .testTarget(name: "SiteTests", dependencies: ["Site", "Template"]),
    ]
)
