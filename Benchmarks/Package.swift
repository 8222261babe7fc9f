// swift-tools-version:6.0
// Benchmarks for unionsite's template engine, in a package of their own so that the engines it
// is compared with (Stencil, swift-mustache) never become dependencies of the product.
//
//   swift run -c release --package-path Benchmarks TemplateBench    (or Benchmarks/run.sh)
import Foundation
import PackageDescription

// A path dependency is known by its folder's name, which is whatever the checkout is called.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
    name: "Benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/stencilproject/Stencil", exact: "0.15.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        .executableTarget(
            name: "TemplateBench",
            dependencies: [
                .product(name: "Template", package: root),
                .product(name: "Stencil", package: "Stencil"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
    ]
)
