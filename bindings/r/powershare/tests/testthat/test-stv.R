# The single transferable vote from R: Glasgow 2022's official count sheets
# reproduced by ps_stv() figure by figure, the same as the command line, a
# small count worked out by hand, and errors as R conditions.

test_that("ps_stv reproduces the official Glasgow 2022 sheets", {
  need_repo()
  for (ward in c("langside", "shettleston", "govan", "dennistoun")) {
    d <- repo("tests", "data", "systems", paste0("stv-glasgow-", ward, "-2022"))
    r <- ps_stv(file.path(d, "ballots.blt"))
    want <- utils::read.csv(file.path(d, "expected_stages.csv"), encoding = "UTF-8",
                            stringsAsFactors = FALSE, colClasses = "character")
    got <- attr(r, "sheet")
    expect_equal(nrow(got), nrow(want), info = ward)
    key <- paste(got$stage, got$candidate)
    # stage 1 is printed in whole votes on the official sheet
    official <- ifelse(grepl(".", want$votes, fixed = TRUE), want$votes,
                       paste0(want$votes, ".00000"))
    expect_equal(got$votes_exact[match(paste(want$stage, want$candidate), key)], official,
                 info = ward)
    dec <- utils::read.csv(file.path(d, "expected.csv"), encoding = "UTF-8",
                           stringsAsFactors = FALSE)
    m <- match(dec$candidate, r$candidate)
    expect_equal(r$status[m] == "elected", dec$elected == "yes", info = ward)
    expect_equal(r$stage[m], ifelse(is.na(dec$stage), 0, dec$stage), info = ward)
  }
})

test_that("ps_stv agrees with the command line", {
  need_repo()
  path <- repo("tests", "data", "systems", "stv-glasgow-langside-2022", "ballots.blt")
  r <- ps_stv(path)
  j <- cli_json("stv", path)
  expect_equal(attr(r, "count")$elected, unlist(j$elected))
  expect_equal(attr(r, "count")$quota_exact, "2272.00000")
  expect_equal(r$votes, vapply(j$candidates, function(c) c$votes, numeric(1)))
  expect_equal(r$order[r$candidate == "Paul LEINSTER"], 4)
  expect_true(r$last_vacancies[r$candidate == "Paul LEINSTER"])
})

test_that("a count worked out by hand", {
  # quota 6; A's surplus of 3 at trunc5(3/9) = 0.33333 a paper, 0.00003
  # lost to rounding; C excluded; B fills the last seat with 4.66665
  blt <- "3 2\n5 1 2 0\n4 1 3 0\n3 2 0\n3 3 0\n0\n\"A\"\n\"B\"\n\"C\"\n"
  r <- ps_stv(blt)
  expect_equal(attr(r, "count")$elected, c("A", "B"))
  s <- attr(r, "sheet")
  expect_equal(s$votes_exact[s$stage == 2],
               c("6.00000", "4.66665", "4.33332", "0.00000", "0.00003"))
  expect_equal(r$votes_exact, c("6.00000", "4.66665", "0.00000"))
  expect_equal(attr(ps_stv(charToRaw(blt), seats = 1), "count")$elected, "A")
})

test_that("ties and errors are R conditions", {
  blt <- "3 1\n2 1 0\n2 2 0\n3 3 0\n0\n\"Ann\"\n\"Bob\"\n\"Cy\"\n"
  expect_error(ps_stv(blt), class = "powershare_tie_error")
  t <- attr(ps_stv(blt, ties = "first"), "ties")
  expect_equal(t$chosen, "Bob")
  expect_equal(t$decided_at, 0)
  expect_error(ps_stv(blt, ties = "coin"), class = "powershare_usage_error")
  expect_error(ps_stv(blt, rule = "meek"), class = "powershare_usage_error")
  e <- tryCatch(ps_stv("3 2\n1 1 4 0\n0\n\"A\"\n\"B\"\n\"C\"\n"), error = function(e) e)
  expect_s3_class(e, "powershare_data_error")
  expect_equal(c(e$line, e$column), c(2L, 5L))
  expect_error(ps_stv(tempfile(fileext = ".blt")), class = "powershare_file_error")
})
