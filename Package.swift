// swift-tools-version:6.1
// Winnow: clean, normalized, segmented, annotated text from messy multilingual web pages.
import PackageDescription

let package = Package(
  name: "Winnow",
  products: [
    .library(name: "Winnow", targets: ["Winnow"]),
    .executable(name: "winnow", targets: ["winnow"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
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
    // The C bridge to ICU: C++ inside, a plain-C public header of opaque handles.
    .target(name: "CICU", dependencies: ["ICU4C"]),
    // The C bridge to OpenCC: same shape as CICU.
    .target(name: "COpenCC", dependencies: ["OpenCCSys"]),
    // The core library.
    .target(name: "Winnow", dependencies: ["CICU", "COpenCC"]),
    // The command-line tool.
    .executableTarget(
      name: "winnow",
      dependencies: [
        "Winnow",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .testTarget(name: "WinnowTests", dependencies: ["Winnow"]),
    // Runs the built `winnow` binary as a subprocess.
    .testTarget(name: "WinnowCLITests", dependencies: ["winnow"]),
  ],
  swiftLanguageModes: [.v6],
  cxxLanguageStandard: .cxx17
)
