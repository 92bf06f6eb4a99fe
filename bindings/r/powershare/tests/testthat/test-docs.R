# Every ```r block of docs/r.md runs, in one session from the repository
# root, and prints what the page shows after it as "#>" lines.
test_that("docs/r.md: every example gives the output the page shows", {
  need_repo()
  lines <- readLines(repo("docs", "r.md"), encoding = "UTF-8")
  old <- setwd(ps_root)
  on.exit(setwd(old))
  withr_width <- options(width = 80)
  on.exit(options(withr_width), add = TRUE)
  env <- new.env(parent = globalenv())
  starts <- which(lines == "```r")
  expect_gt(length(starts), 8)
  for (s in starts) {
    end <- s + which(lines[(s + 1):length(lines)] == "```")[1]
    block <- lines[(s + 1):(end - 1)]
    shown <- sub("^#> ?", "", block[startsWith(block, "#>")])
    code <- block[!startsWith(block, "#>")]
    got <- capture.output(for (e in parse(text = code)) {
      v <- withVisible(eval(e, env))
      if (v$visible) print(v$value)
    })
    expect_equal(got, shown, info = paste(code, collapse = "\n"))
  }
})
