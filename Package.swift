// swift-tools-version:6.1
// Winnow: clean, normalized, segmented, annotated text from messy multilingual web pages.
import PackageDescription

let package = Package(
  name: "Winnow",
  products: [
    .library(name: "Winnow", targets: ["Winnow"]),
    .library(name: "WinnowBoilerplate", targets: ["WinnowBoilerplate"]),
    .library(name: "WinnowEntities", targets: ["WinnowEntities"]),
    .executable(name: "winnow", targets: ["winnow"]),
    // The C API (Sources/WinnowCAPI/include/winnow.h) as libWinnowC.so; python/ loads it.
    .library(name: "WinnowC", type: .dynamic, targets: ["WinnowCAPI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    // System ICU 72 (Debian libicu-dev). Only CICU sees its headers; see docs/workarounds.md.
    .systemLibrary(
      name: "ICU4C",
      pkgConfig: "icu-uc icu-i18n",
      providers: [.apt(["libicu-dev"])]
    ),
    // System OpenCC (Debian libopencc-dev). Only COpenCC sees its header.
    .systemLibrary(
      name: "OpenCCSys",
      pkgConfig: "opencc",
      providers: [.apt(["libopencc-dev"])]
    ),
    // System zlib (Debian zlib1g-dev), for .gz inputs and outputs. Only Winnow/IO sees it.
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    // System zstd (Debian libzstd-dev), for .zst inputs and outputs.
    .systemLibrary(
      name: "CZstd",
      pkgConfig: "libzstd",
      providers: [.apt(["libzstd-dev"])]
    ),
    // The C bridge to ICU: C++ inside, a plain-C public header of opaque handles.
    .target(name: "CICU", dependencies: ["ICU4C"]),
    // The C bridge to OpenCC: same shape as CICU.
    .target(name: "COpenCC", dependencies: ["OpenCCSys"]),
    // The core library.
    .target(
      name: "Winnow",
      dependencies: [
        "CICU", "COpenCC", "CZlib", "CZstd",
        .product(name: "Yams", package: "Yams"),
      ]
    ),
    // The command-line tool.
    .executableTarget(
      name: "winnow",
      dependencies: [
        "Winnow",
        "WinnowBoilerplate",
        "WinnowEntities",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // The C API: `@_cdecl` functions over the public API, plugins registered as `winnow`
    // does. The header ships in include/ (not a C target: the Swift code implements it).
    .target(
      name: "WinnowCAPI",
      dependencies: ["Winnow", "WinnowBoilerplate", "WinnowEntities"],
      exclude: ["include"]
    ),
    // A stage defined outside Winnow, on the public API only (used by the pipeline tests).
    .target(
      name: "WinnowPluginExample", dependencies: ["Winnow"], path: "Tests/WinnowPluginExample"),
    // The boilerplate stage: a plugin on Winnow's public API only.
    .target(name: "WinnowBoilerplate", dependencies: ["Winnow"]),
    // Helpers shared by the test targets (seeded random numbers, the tests' cache folder).
    .target(name: "WinnowTestSupport", path: "Tests/WinnowTestSupport"),
    .testTarget(
      name: "WinnowBoilerplateTests",
      dependencies: ["WinnowBoilerplate", "Winnow", "WinnowTestSupport"]),
    .testTarget(
      name: "WinnowTests",
      dependencies: ["Winnow", "WinnowPluginExample", "WinnowFuzzChecks", "WinnowTestSupport"]),
    // The shipped gazetteer, compiled into the binary with C23 `#embed` (no resource bundle
    // to lose when the binary or libWinnowC.so is copied to a cluster node).
    .target(name: "CWinnowData", exclude: ["gazetteer.tsv", "NOTICE.md"]),
    // Entity matching plugin (gazetteers, patterns, people); public API of Winnow only
    // (plus its own embedded data).
    .target(name: "WinnowEntities", dependencies: ["Winnow", "CWinnowData"]),
    .testTarget(
      name: "WinnowEntitiesTests", dependencies: ["WinnowEntities", "Winnow", "WinnowTestSupport"]),
    // Runs the built `winnow` binary as a subprocess.
    .testTarget(name: "WinnowCLITests", dependencies: ["winnow", "WinnowTestSupport"]),
    // Fuzzing (issue 7): the properties each fuzz target checks, shared with the regression
    // test that replays Corpora/fuzz-findings/; and one libFuzzer entry point per target.
    // Not part of any product; build with scripts/fuzz.sh (docs/reliability-fuzzing.md).
    .target(
      name: "WinnowFuzzChecks", dependencies: ["Winnow", "WinnowEntities", "WinnowBoilerplate"]),
    .executableTarget(name: "FuzzNormalize", dependencies: ["WinnowFuzzChecks"]),
    .executableTarget(name: "FuzzTokenize", dependencies: ["WinnowFuzzChecks"]),
    .executableTarget(name: "FuzzJSONL", dependencies: ["WinnowFuzzChecks"]),
    .executableTarget(name: "FuzzPipelineConfig", dependencies: ["WinnowFuzzChecks"]),
    .executableTarget(name: "FuzzEntities", dependencies: ["WinnowFuzzChecks"]),
    .executableTarget(name: "FuzzBoilerplate", dependencies: ["WinnowFuzzChecks"]),
  ],
  swiftLanguageModes: [.v6],
  cxxLanguageStandard: .cxx17
)
