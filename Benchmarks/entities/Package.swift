// swift-tools-version:6.1
// The gazetteer matcher's benchmark tool (issue 6), driven by ../peers/entities.py, which
// runs it and ahocorasick_rs side by side in one run. A separate package so that Winnow's
// own `swift build` never builds it. Build: swift build -c release (see ../../BENCHMARKS.md).
import PackageDescription

import struct Foundation.URL

// A path dependency's identity is its folder name (the checkout may not be called "main").
let winnowPackage = URL(fileURLWithPath: Context.packageDirectory)
  .deletingLastPathComponent().deletingLastPathComponent().lastPathComponent

let package = Package(
  name: "EntitiesBench",
  platforms: [.macOS(.v15)],
  dependencies: [.package(path: "../../")],
  targets: [
    .executableTarget(
      name: "entities-bench",
      dependencies: [
        .product(name: "Winnow", package: winnowPackage),
        .product(name: "WinnowEntities", package: winnowPackage),
      ]
    )
  ],
  swiftLanguageModes: [.v6]
)
