/*
 * The C API's test program (run by scripts/test-capi.sh, which builds libWinnowC.so and
 * the expected outputs with the `winnow` command).
 *
 *   test PAGE EXPECTED_JSON EXPECTED_TEXT
 *
 * PAGE is a text document; EXPECTED_JSON is `winnow run --format jsonl < PAGE` and
 * EXPECTED_TEXT is `winnow run --format text < PAGE` (both with the default pipeline).
 * Prints one line per check and exits 1 if any failed.
 */
#include "winnow.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int failures = 0;
static int checks = 0;

#define CHECK(cond, ...)                                                                \
  do {                                                                                  \
    checks++;                                                                           \
    if (cond) {                                                                         \
      printf("ok   ");                                                                  \
    } else {                                                                            \
      printf("FAIL ");                                                                  \
      failures++;                                                                       \
    }                                                                                   \
    printf(__VA_ARGS__);                                                                \
    printf("  (%s:%d)\n", __FILE__, __LINE__);                                          \
  } while (0)

/* Reads a whole file into a malloc'd buffer; sets *len. Exits on failure. */
static char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    perror(path);
    exit(2);
  }
  size_t cap = 1 << 16, n = 0;
  char *buf = malloc(cap + 1);
  size_t got;
  while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      cap *= 2;
      buf = realloc(buf, cap + 1);
    }
  }
  fclose(f);
  buf[n] = 0;
  *len = n;
  return buf;
}

/* Drops one trailing newline (the CLI ends each output line with one). */
static void chomp(char *s, size_t *len) {
  if (*len > 0 && s[*len - 1] == '\n') s[--*len] = 0;
}

/* Processes `text` with `p` and returns a malloc'd copy of the JSON (NULL on failure). */
/* Whether a result's text is the command's text output, which adds a newline when the text
   does not end with one. */
static int same_text(const char *text, size_t len, const char *expected, size_t expected_len) {
  return (len == expected_len && memcmp(text, expected, len) == 0) ||
         (len + 1 == expected_len && memcmp(text, expected, len) == 0 && expected[len] == '\n');
}

static char *process_json(const winnow_pipeline *p, const char *text, size_t len, uint32_t flags) {
  winnow_result *r = winnow_process(p, text, len, flags);
  if (!r) return NULL;
  size_t n = 0;
  const char *json = winnow_result_json(r, &n);
  char *copy = malloc(n + 1);
  memcpy(copy, json, n + 1);
  winnow_result_free(r);
  return copy;
}

/* Concurrent use of one pipeline. */
struct worker {
  const winnow_pipeline *pipeline;
  const char *page;
  size_t page_len;
  const char *expected;
  int rounds;
  int mismatches;
};

static void *work(void *arg) {
  struct worker *w = arg;
  char small[64];
  for (int i = 0; i < w->rounds; i++) {
    char *json = process_json(w->pipeline, w->page, w->page_len, 0);
    if (!json || strcmp(json, w->expected) != 0) w->mismatches++;
    free(json);
    /* Interleave small documents so threads do not move in lockstep. */
    int n = snprintf(small, sizeof small, "Ｄｏｃ %d，第%d页。", i, i);
    winnow_result *r = winnow_process(w->pipeline, small, (size_t)n, WINNOW_TOKENS);
    if (!r || strstr(winnow_result_json(r, NULL), "\"tokens\"") == NULL) w->mismatches++;
    winnow_result_free(r);
  }
  return NULL;
}

int main(int argc, char **argv) {
  if (argc != 7) {
    fprintf(stderr, "usage: %s PAGE EXPECTED_JSON EXPECTED_TEXT URL_PAGE URL_FILE URL_PAGE_EXPECTED_TEXT\n", argv[0]);
    return 2;
  }
  size_t page_len, expected_len, expected_text_len;
  char *page = read_file(argv[1], &page_len);
  char *expected = read_file(argv[2], &expected_len);
  char *expected_text = read_file(argv[3], &expected_text_len);
  chomp(expected, &expected_len);

  /* Version. */
  const char *version = winnow_version();
  CHECK(version != NULL && strlen(version) > 0, "winnow_version() = \"%s\"", version ? version : "(null)");
  CHECK(WINNOW_C_API_VERSION == 1, "WINNOW_C_API_VERSION = %d", WINNOW_C_API_VERSION);

  /* The default pipeline gives what `winnow run` gives. */
  char *error = (char *)"untouched";
  winnow_pipeline *p = winnow_pipeline_new(NULL, 0, &error);
  CHECK(p != NULL && error == NULL, "winnow_pipeline_new(NULL, 0) builds the default pipeline");
  CHECK(winnow_last_error() == NULL, "no last error after a success");
  winnow_result *r = winnow_process(p, page, page_len, 0);
  CHECK(r != NULL, "winnow_process(sample page) succeeds");
  size_t json_len = 0, text_len = 0;
  const char *json = winnow_result_json(r, &json_len);
  const char *text = winnow_result_text(r, &text_len);
  CHECK(json_len == expected_len && strcmp(json, expected) == 0,
        "JSON equals `winnow run --format jsonl` (%zu bytes vs %zu)", json_len, expected_len);
  CHECK(strlen(text) == text_len, "text length %zu matches its NUL", text_len);
  CHECK(same_text(text, text_len, expected_text, expected_text_len),
        "text equals `winnow run --format text` (%zu bytes)", text_len);
  CHECK(text_len > 0 && text_len < page_len, "boilerplate removed: %zu of %zu bytes kept", text_len, page_len);
  winnow_result_free(r);

  /* winnow_process_url: a NULL URL is winnow_process; a URL whose slug names a headline drops
     it (title) and the kept lines above it (above-title). */
  r = winnow_process_url(p, page, page_len, NULL, 0);
  CHECK(r != NULL && strcmp(winnow_result_json(r, NULL), expected) == 0, "winnow_process_url(NULL url) = winnow_process");
  winnow_result_free(r);
  /* The page of Corpora/boilerplate/url-headline-page.txt with its URL: the same text as
     `winnow clean --url URL`; without the URL the story above the headline stays. */
  size_t story_len, url_len, story_expected_len;
  char *story = read_file(argv[4], &story_len);
  char *url = read_file(argv[5], &url_len);
  chomp(url, &url_len);
  char *story_expected = read_file(argv[6], &story_expected_len);
  size_t n = 0;
  r = winnow_process_url(p, story, story_len, url, 0);
  const char *got = r ? winnow_result_text(r, &n) : "";
  CHECK(r != NULL && same_text(got, n, story_expected, story_expected_len) &&
            strstr(winnow_result_json(r, NULL), "\"reason\":\"above-title\"") != NULL &&
            strstr(winnow_result_json(r, NULL), "\"reason\":\"title\"") != NULL,
        "winnow_process_url = `winnow clean --url`: \"%.40s\"", got);
  winnow_result_free(r);
  r = winnow_process(p, story, story_len, 0);
  got = r ? winnow_result_text(r, &n) : "";
  CHECK(r != NULL && !same_text(got, n, story_expected, story_expected_len),
        "without the URL the story above stays");
  winnow_result_free(r);
  free(story);
  free(url);
  free(story_expected);

  /* A configuration string (JSON), a width fold, and length-based input with a NUL. */
  const char *config = "{\"stages\": [\"normalize\"]}";
  winnow_pipeline *norm = winnow_pipeline_new(config, strlen(config), NULL);
  CHECK(norm != NULL, "JSON configuration accepted");
  r = winnow_process(norm, "\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3 tail-not-read", 9, 0);
  CHECK(r != NULL && strcmp(winnow_result_text(r, NULL), "ABC") == 0, "ＡＢＣ → \"%s\" (only len bytes read)",
        r ? winnow_result_text(r, NULL) : "(null)");
  winnow_result_free(r);
  r = winnow_process(norm, "a\0b", 3, 0);
  CHECK(r != NULL, "embedded NUL accepted");
  if (r) {
    size_t n = 0;
    winnow_result_text(r, &n);
    CHECK(n >= 2, "text with an embedded NUL keeps its length (%zu)", n);
  }
  winnow_result_free(r);

  /* Ill-formed UTF-8 becomes U+FFFD and is counted. */
  r = winnow_process(norm, "ok \xFF!", 5, 0);
  CHECK(r != NULL && strstr(winnow_result_text(r, NULL), "\xEF\xBF\xBD") != NULL, "0xFF → U+FFFD");
  CHECK(r != NULL && strstr(winnow_result_json(r, NULL), "\"decoding\":{\"replacements\":1,\"first_offset\":3}") != NULL,
        "winnow.decoding counts the replacement: %s", r ? winnow_result_json(r, NULL) : "(null)");
  winnow_result_free(r);

  /* Empty input. */
  r = winnow_process(norm, NULL, 0, 0);
  CHECK(r != NULL && strcmp(winnow_result_json(r, NULL), "{\"text\":\"\",\"winnow\":{\"annotations\":[],\"dropped\":[]}}") == 0,
        "empty input: %s", r ? winnow_result_json(r, NULL) : "(null)");
  winnow_result_free(r);

  /* Flags (on normalize → segment: the default pipeline's boilerplate stage runs after
   * segment, and removing text clears the segmentation). */
  const char *seg_config = "stages: [normalize, segment]";
  winnow_pipeline *seg = winnow_pipeline_new(seg_config, strlen(seg_config), NULL);
  const char *hello = "Hello world. 你好，世界。";
  char *with = process_json(seg, hello, strlen(hello), WINNOW_SENTENCES | WINNOW_TOKENS);
  char *without = process_json(seg, hello, strlen(hello), 0);
  CHECK(with && strstr(with, "\"sentences\":[{") && strstr(with, "\"tokens\":[{"), "flags add sentences and tokens");
  CHECK(without && !strstr(without, "\"sentences\"") && !strstr(without, "\"tokens\""), "no flags: neither");
  free(with);
  free(without);
  winnow_pipeline_free(seg);

  /* A bad configuration: NULL, the message in both places, code "usage". */
  const char *bad = "stages:\n  - normalize\n  - nope\n";
  error = NULL;
  winnow_pipeline *none = winnow_pipeline_new(bad, strlen(bad), &error);
  CHECK(none == NULL, "unknown stage refused");
  CHECK(error != NULL && strstr(error, "nope") != NULL, "error names the stage: %s", error ? error : "(null)");
  CHECK(winnow_last_error() != NULL && error != NULL && strcmp(winnow_last_error(), error) == 0,
        "winnow_last_error() is the same message");
  CHECK(winnow_last_error_code() != NULL && strcmp(winnow_last_error_code(), "usage") == 0, "code \"usage\"");
  winnow_string_free(error);
  const char *yaml_error = "stages: [normalize";
  CHECK(winnow_pipeline_new(yaml_error, strlen(yaml_error), NULL) == NULL && winnow_last_error() != NULL,
        "YAML syntax error: %s", winnow_last_error() ? winnow_last_error() : "(null)");

  /* A stage that fails on a document: NULL from winnow_process, the stage named. */
  const char *failing = "stages:\n  - {stage: external, command: \"while read l; do echo '{}'; done\"}\n";
  winnow_pipeline *ext = winnow_pipeline_new(failing, strlen(failing), NULL);
  CHECK(ext != NULL, "external stage configured");
  if (ext) {
    r = winnow_process(ext, "text", 4, 0);
    CHECK(r == NULL, "a failing stage gives NULL");
    CHECK(winnow_last_error() != NULL && strstr(winnow_last_error(), "external") != NULL,
          "the error names the stage: %s", winnow_last_error() ? winnow_last_error() : "(null)");
    CHECK(winnow_last_error_code() != NULL && strcmp(winnow_last_error_code(), "invalidData") == 0,
          "code \"invalidData\"");
    r = winnow_process(norm, "fine", 4, 0);
    CHECK(r != NULL && winnow_last_error() == NULL, "a success clears the last error");
    winnow_result_free(r);
    winnow_pipeline_free(ext);
  }
  CHECK(winnow_process(NULL, "x", 1, 0) == NULL && winnow_last_error() != NULL, "NULL pipeline refused");
  CHECK(winnow_process(norm, NULL, 5, 0) == NULL && winnow_last_error() != NULL, "NULL text with a length refused");

  /* Four threads share one pipeline; every result equals the single-threaded one. */
  enum { THREADS = 4, ROUNDS = 25 };
  pthread_t threads[THREADS];
  struct worker workers[THREADS];
  for (int i = 0; i < THREADS; i++) {
    workers[i] = (struct worker){p, page, page_len, expected, ROUNDS, 0};
    pthread_create(&threads[i], NULL, work, &workers[i]);
  }
  int mismatches = 0;
  for (int i = 0; i < THREADS; i++) {
    pthread_join(threads[i], NULL);
    mismatches += workers[i].mismatches;
  }
  CHECK(mismatches == 0, "%d threads x %d rounds on one pipeline: %d mismatches", THREADS, ROUNDS, mismatches);

  /* NULL frees are no-ops. */
  winnow_result_free(NULL);
  winnow_pipeline_free(NULL);
  winnow_string_free(NULL);
  winnow_pipeline_free(norm);
  winnow_pipeline_free(p);
  free(page);
  free(expected);
  free(expected_text);

  printf("%d checks, %d failed\n", checks, failures);
  return failures == 0 ? 0 : 1;
}
