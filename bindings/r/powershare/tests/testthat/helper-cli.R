# The repository root (for its data files) and the command-line program,
# whose JSON the R results must equal. tests/run-r.sh sets PS_ROOT and
# PS_CLI; without them (R CMD check of the package alone) the tests that
# need them are skipped.
ps_root <- Sys.getenv("PS_ROOT")
ps_cli <- Sys.getenv("PS_CLI")

need_repo <- function() {
  if (!nzchar(ps_root) || !nzchar(ps_cli)) skip("PS_ROOT and PS_CLI not set")
  if (!requireNamespace("jsonlite", quietly = TRUE)) skip("jsonlite not installed")
}

repo <- function(...) file.path(ps_root, ...)

cli_json <- function(...) {
  out <- system2(ps_cli, c(..., "--format", "json"), stdout = TRUE)
  jsonlite::fromJSON(paste(out, collapse = "\n"), simplifyVector = FALSE)
}
