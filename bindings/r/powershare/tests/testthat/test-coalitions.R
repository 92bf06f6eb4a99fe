# docs/r.md's side by side with the R package coalitions: the block runs
# where that package is installed (it is not a Debian package, so it is
# skipped elsewhere), and the two packages' majority probabilities for the
# same poll agree within Monte Carlo error.
# On a machine without systemd, loading the package's date library warns
# that timedatectl failed: not about either package's result, so muffled.
without_timedatectl_warning <- function(expr)
  withCallingHandlers(expr, warning = function(w)
    if (grepl("timedatectl", conditionMessage(w))) invokeRestart("muffleWarning"))

test_that("docs/r.md: coalitions and powershare agree on the same poll", {
  need_repo()
  without_timedatectl_warning(skip_if_not_installed("coalitions"))
  skip_if_not_installed("tibble")
  lines <- readLines(repo("docs", "r.md"), encoding = "UTF-8")
  s <- which(lines == "```r-coalitions")
  expect_length(s, 1)
  end <- s + which(lines[(s + 1):length(lines)] == "```")[1]
  old <- setwd(ps_root)
  on.exit(setwd(old))
  env <- new.env(parent = globalenv())
  printed <- list()
  for (e in parse(text = lines[(s + 1):(end - 1)])) {
    v <- without_timedatectl_warning(suppressMessages(withVisible(eval(e, env))))
    if (v$visible) printed[[length(printed) + 1]] <- v$value
  }
  expect_length(printed, 2)
  theirs <- unname(printed[[1]])
  ours <- printed[[2]]
  expect_length(theirs, 3)
  expect_false(anyNA(ours))
  # two independent samples of 10,000 draws each
  se <- sqrt(pmax(theirs * (1 - theirs) + ours * (1 - ours), 1e-4) / 10000)
  expect_true(all(abs(theirs - ours) < 4 * se),
              info = paste("coalitions", format(theirs), "powershare", format(ours)))
})
