/*
 * winnow.h — the C API of Winnow (libWinnowC.so).
 *
 * Winnow turns messy multilingual web page text into clean, normalized, segmented,
 * annotated text. This header is the whole C API: build a pipeline once from a
 * configuration, then process documents with it, from any number of threads.
 *
 *   winnow_pipeline *p = winnow_pipeline_new(NULL, 0, NULL);   // the default pipeline
 *   winnow_result *r = winnow_process(p, text, strlen(text), 0);
 *   if (r == NULL) { fprintf(stderr, "%s\n", winnow_last_error()); }
 *   else {
 *     puts(winnow_result_text(r, NULL));   // the clean text
 *     puts(winnow_result_json(r, NULL));   // {"text":"…","winnow":{"annotations":[…],…}}
 *     winnow_result_free(r);
 *   }
 *   winnow_pipeline_free(p);
 *
 * Build: `swift build -c release --product WinnowC` gives .build/release/libWinnowC.so;
 * compile with `-I Sources/WinnowCAPI/include` and link with `-L .build/release -lWinnowC`
 * (plus an rpath or LD_LIBRARY_PATH for the Swift runtime beside it).
 *
 * Conventions:
 * - Text in is UTF-8 given by pointer and length in bytes (it need not be NUL-terminated;
 *   ill-formed bytes become U+FFFD and are counted in the JSON's `winnow.decoding`).
 * - Text out is UTF-8, NUL-terminated, with its length; strings returned inside a result
 *   live until winnow_result_free; strings handed to the caller (`char **error`) are
 *   malloc'd and freed with winnow_string_free.
 * - All offsets in the JSON are UTF-8 byte offsets; end offsets are exclusive.
 * - Thread safety: a winnow_pipeline is immutable once built, so one pipeline may be used
 *   by winnow_process from many threads at once. A winnow_result belongs to the caller
 *   (use it from one thread at a time). winnow_last_error is per thread.
 * - Failing calls return NULL and set the calling thread's last error.
 *
 * The API is stable within a WINNOW_C_API_VERSION: functions are only added.
 */
#ifndef WINNOW_H
#define WINNOW_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The version of this C API (bumped only by incompatible changes). */
#define WINNOW_C_API_VERSION 1

/** A built pipeline (opaque). Thread-safe: share it between threads. */
typedef struct winnow_pipeline winnow_pipeline;

/** One processed document (opaque): the clean text and the JSON output line. */
typedef struct winnow_result winnow_result;

/** winnow_process flags: what the JSON's `winnow` object holds besides `annotations` and
 *  `dropped` (as `winnow run --sentences --tokens`). Combine with `|`; 0 = neither. */
enum {
  /** Add `winnow.sentences`: [{"start","end","original_start","original_end"}, …]. */
  WINNOW_SENTENCES = 1u << 0,
  /** Add `winnow.tokens`: [{"kind","start","end","original_start","original_end"}, …]. */
  WINNOW_TOKENS = 1u << 1,
  /** Add `winnow.original`: the input text, when it differs from the clean text. */
  WINNOW_ORIGINAL = 1u << 2,
};

/**
 * Winnow's version, e.g. "0.1.0" (a static string; do not free).
 */
const char *winnow_version(void);

/**
 * Builds a pipeline from a configuration: the text of a pipeline file, YAML or JSON
 * (`stages: [normalize, boilerplate, segment]`, see docs/PIPELINE.md; `winnow stages`
 * lists the stages and their options).
 *
 * @param config  UTF-8 configuration text, `len` bytes; NULL or `len` 0 gives the default
 *                pipeline of `winnow run` (normalize → boilerplate → segment →
 *                entities).
 * @param len     the length of `config` in bytes.
 * @param error   if not NULL: set to NULL on success, or to a malloc'd message on failure
 *                (free it with winnow_string_free). The message is also the thread's
 *                winnow_last_error.
 * @return the pipeline (free it with winnow_pipeline_free), or NULL when the
 *         configuration is not valid (a YAML error, an unknown stage or option: the
 *         message names the line).
 *
 * Corpus stages (`boilerplate`'s site-repeated lines) run without learned state, as on a
 * single page; relative paths in the configuration resolve from the current directory.
 * An `external` stage runs its command as child processes and sets SIGPIPE to ignored in
 * this process (so a command that dies fails the document instead of killing the host).
 */
winnow_pipeline *winnow_pipeline_new(const char *config, size_t len, char **error);

/**
 * Frees a pipeline. NULL is ignored. No winnow_process call may be running on it.
 */
void winnow_pipeline_free(winnow_pipeline *pipeline);

/**
 * Processes one document: decodes it (UTF-8; a BOM is dropped, ill-formed bytes become
 * U+FFFD), runs the pipeline's stages and builds the output, exactly as
 * `winnow run --format jsonl` does for a document read from standard input.
 *
 * Safe to call from many threads at once on one pipeline.
 *
 * @param pipeline  a pipeline from winnow_pipeline_new (not NULL).
 * @param utf8      the document's text, `len` bytes (may be NULL when `len` is 0).
 * @param len       its length in bytes.
 * @param flags     WINNOW_SENTENCES | WINNOW_TOKENS | WINNOW_ORIGINAL, or 0.
 * @return the result (free it with winnow_result_free), or NULL when a stage failed on
 *         this document (winnow_last_error says which stage and why) or an argument is
 *         NULL.
 */
winnow_result *winnow_process(const winnow_pipeline *pipeline, const char *utf8, size_t len, uint32_t flags);

/**
 * winnow_process for a page whose URL is known: the document's `url`, as `winnow run` reads
 * it from a JSONL document. Stages may use it (the boilerplate stage drops the headline its
 * slug names as `title` and the kept lines above it as `above-title`); it is not written to
 * the result, and its host keys the document's site in a corpus state.
 *
 * @param url  the URL: NUL-terminated UTF-8 (ill-formed bytes become U+FFFD), or NULL for
 *             none (then the same as winnow_process).
 * Other parameters and the return value as winnow_process.
 */
winnow_result *winnow_process_url(const winnow_pipeline *pipeline, const char *utf8, size_t len, const char *url, uint32_t flags);

/**
 * The clean text: UTF-8, NUL-terminated, owned by the result.
 *
 * @param result  a result (not NULL).
 * @param len     if not NULL, receives the length in bytes (without the NUL).
 */
const char *winnow_result_text(const winnow_result *result, size_t *len);

/**
 * The document as one `winnow run --format jsonl` line (without the newline):
 * `{"text":"…","winnow":{"annotations":[…],"dropped":[…],…}}`. Each annotation is
 * {"kind","text","start","end","original_start","original_end"[,"value"][,"id"],"source"};
 * each drop is {"reason","stage","text","start","end","original_start","original_end"}.
 * UTF-8, NUL-terminated, owned by the result.
 *
 * @param result  a result (not NULL).
 * @param len     if not NULL, receives the length in bytes (without the NUL).
 */
const char *winnow_result_json(const winnow_result *result, size_t *len);

/**
 * Frees a result and its strings. NULL is ignored.
 */
void winnow_result_free(winnow_result *result);

/**
 * The message of the last failed call on this thread, or NULL if none has failed
 * (a successful winnow_pipeline_new or winnow_process clears it). Owned by the library;
 * valid until the thread's next call into the library.
 */
const char *winnow_last_error(void);

/**
 * The code of the last failed call on this thread, or NULL: "usage" (a bad
 * configuration or argument), "invalidData", "cannotOpenInput", "io" or "internal".
 * Same lifetime as winnow_last_error.
 */
const char *winnow_last_error_code(void);

/**
 * Frees a string the library handed to the caller (winnow_pipeline_new's `error`).
 * NULL is ignored.
 */
void winnow_string_free(char *string);

#ifdef __cplusplus
}
#endif

#endif /* WINNOW_H */
