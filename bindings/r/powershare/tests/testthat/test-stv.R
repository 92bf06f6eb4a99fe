# The single transferable vote from R: Glasgow 2022's official count sheets
# reproduced by ps_stv() figure by figure, the same as the command line, a
# small count worked out by hand, errors as R conditions, and candidates
# excluded together under the Irish rules.

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
  expect_error(ps_stv(blt, rule = "warren"), class = "powershare_usage_error")
  e <- tryCatch(ps_stv("3 2\n1 1 4 0\n0\n\"A\"\n\"B\"\n\"C\"\n"), error = function(e) e)
  expect_s3_class(e, "powershare_data_error")
  expect_equal(c(e$line, e$column), c(2L, 5L))
  expect_error(ps_stv(tempfile(fileext = ".blt")), class = "powershare_file_error")
})

test_that("the Irish rules exclude two candidates together", {
  # one seat, quota floor(58 / 2) + 1 = 30, a quarter of it 7.5: Cy (2) and
  # Di (3) together have 5, fewer than Bob (25), and Di cannot reach 7.5
  # with Cy's papers, so both go at stage 2; Cy's papers elect Ann (30). The
  # Scottish rules exclude Cy alone.
  blt <- "4 1\n28 1 0\n25 2 0\n2 3 1 0\n3 4 2 0\n0\n\"Ann\"\n\"Bob\"\n\"Cy\"\n\"Di\"\n"
  r <- ps_stv(blt, rule = "irish")
  expect_equal(attr(r, "count")$rule, "irish")
  a <- attr(r, "actions")
  expect_equal(a$action, c("first preferences", "exclusion"))
  expect_equal(a$excluded, c("", "Cy;Di"))
  expect_equal(a$candidate, c(NA, "Cy"))
  expect_equal(a$amount_exact, c("0.00000", "5.00000"))
  expect_equal(a$elected, c("", "Ann"))
  expect_equal(r$status, c("elected", "not elected", "excluded", "excluded"))
  expect_equal(r$stage, c(2, 0, 2, 2))
  expect_equal(attr(ps_stv(blt), "actions")$excluded, c("", "Cy"))
  expect_equal(attr(ps_stv(blt, rule = "Dail"), "count")$rule, "irish")
})

test_that("Dublin North 2002: Walshe and Quinn excluded together", {
  # the official count 2 (tests/data/systems/stv-dublin-north-2002/SOURCES.md)
  need_repo()
  path <- repo("tests", "data", "systems", "stv-dublin-north-2002", "ballots.blt")
  a <- attr(ps_stv(path, rule = "ireland"), "actions")
  expect_equal(a$excluded[2], "David Henry Walshe;Eamonn Quinn")
  expect_equal(a$amount_exact[2], "532.00000")
  j <- cli_json("stv", "--rule", "irish", path)
  expect_equal(a$excluded,
               vapply(j$stages, function(s) paste(unlist(s$excluded), collapse = ";"), ""))
})

test_that("ps_stv counts the reference Meek rule as Droop's transcripts", {
  need_repo()
  d <- repo("tests", "data", "systems", "stv-meek-reference")
  for (name in c("SC", "SC-Vm-12", "513")) {
    r <- ps_stv(file.path(d, paste0(name, ".blt")), rule = "meek", ties = "first")
    want <- utils::read.csv(file.path(d, paste0(name, ".expected.csv")), encoding = "UTF-8",
                            stringsAsFactors = FALSE, colClasses = "character")
    got <- attr(r, "sheet")
    expect_equal(nrow(got), nrow(want), info = name)
    expect_equal(got$votes_exact, want$votes, info = name)
    expect_equal(ifelse(is.na(got$keep_factor_exact), "", got$keep_factor_exact),
                 want$keep_factor, info = name)
    a <- attr(r, "actions")
    expect_equal(a$quota_exact, got$votes_exact[got$candidate == "Quota"], info = name)
    expect_true(all(a$iterations >= 1), info = name)
  }
  expect_equal(attr(ps_stv(file.path(d, "513.blt"), rule = "Meek-PRF"), "count")$quota_exact,
               "3.000000001")
  expect_error(ps_stv("3 1\n1 1 0\n1 2 0\n1 3 0\n0\n\"A\"\n\"B\"\n\"C\"\n", rule = "meek"),
               class = "powershare_tie_error")
})
