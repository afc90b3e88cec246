// swift-tools-version:6.1
// Winnow's benchmark harness (ordo-one/benchmark). A separate package so that
// `swift build` / `swift test` of Winnow never build the benchmark stack.
// Run: cd Benchmarks && swift package benchmark   (see ../BENCHMARKS.md)
import PackageDescription

import struct Foundation.URL

// A path dependency's identity is its folder name, and CI clones into a folder of
// another name: derive it instead of hard-coding "main".
let winnowPackage = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent()
  .lastPathComponent

let package = Package(
  name: "WinnowBenchmarks",
  platforms: [.macOS(.v15)],
  dependencies: [
    .package(path: "../"),
    .package(
      url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
  ],
  targets: [
    .executableTarget(
      name: "WinnowBenchmarks",
      dependencies: [
        .product(name: "Winnow", package: winnowPackage),
        .product(name: "WinnowBoilerplate", package: winnowPackage),
        .product(name: "Benchmark", package: "benchmark"),
      ],
      path: "Benchmarks/WinnowBenchmarks",
      plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
    )
  ]
)
