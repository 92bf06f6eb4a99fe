test_that("seats: official and textbook results, and the command line", {
  need_repo()
  for (case in c("nl-tk2021", "textbook/by-100-dhondt", "textbook/by-100-hamilton")) {
    folder <- repo("tests", "data", "apportion", case)
    meta <- readLines(file.path(folder, "meta.txt"))
    method <- trimws(sub("^method: ", "", grep("^method: ", meta, value = TRUE)))
    seats <- as.numeric(sub("^seats: ", "", grep("^seats: ", meta, value = TRUE)))
    votes <- utils::read.csv(file.path(folder, "votes.csv"))
    if (grepl("^threshold: none", grep("^threshold: ", meta, value = TRUE))) {
      got <- ps_seats(votes, seats, method = method)
      want <- utils::read.csv(file.path(folder, "expected.csv"))
      expect_equal(got$seats, want$seats[match(got$party, want$party)], info = case)
      cli <- cli_json("seats", "--method", method, "--seats", seats,
                      file.path(folder, "votes.csv"))
      expect_equal(got$seats, vapply(cli$parties, function(p) p$seats, 0), info = case)
    }
  }
})

test_that("seats: inputs, thresholds, ties", {
  expect_equal(ps_seats(c(A = 100, B = 80, C = 30), 5)$seats, c(3, 2, 0))
  for (t in list(0.05, "5%", "1/20")) {
    got <- ps_seats(c(A = 600, B = 360, C = 40), 10, threshold = t)
    expect_equal(got$eligible, c(TRUE, TRUE, FALSE))
  }
  err <- tryCatch(ps_seats(c(A = 10, B = 10), 1), error = function(e) e)
  expect_s3_class(err, "powershare_tie_error")
  expect_equal(err$code, -6L)
  expect_equal(ps_seats(c(A = 10, B = 10), 1, ties = "first")$seats, c(1, 0))
  expect_error(ps_seats(c(A = 1), 1, method = "lottery"), class = "powershare_usage_error")
  expect_true("sainte-lague" %in% ps_methods())
})

test_that("seats: districts and biproportional (Uri 2020, official)", {
  need_repo()
  folder <- repo("tests", "data", "apportion", "ch-uri-2020")
  got <- ps_seats(utils::read.csv(file.path(folder, "votes.csv")),
                  districts = utils::read.csv(file.path(folder, "district_seats.csv")),
                  method = "sainte-lague", biproportional = TRUE)
  want <- utils::read.csv(file.path(folder, "expected.csv"))
  m <- merge(got, want, by = c("party", "district"))
  expect_equal(nrow(m), nrow(want))
  expect_equal(m$seats.x, m$seats.y)
})

test_that("seats: the Swiss variants (Grisons 2022, Zug 2018, official)", {
  need_repo()
  cells <- function(name, ...) {
    folder <- repo("tests", "data", "apportion", name)
    got <- ps_seats(utils::read.csv(file.path(folder, "votes.csv"), encoding = "UTF-8"),
                    districts = utils::read.csv(file.path(folder, "district_seats.csv"),
                                                encoding = "UTF-8"),
                    method = "sainte-lague", biproportional = TRUE, ...)
    want <- utils::read.csv(file.path(folder, "expected.csv"), encoding = "UTF-8")
    m <- merge(got, want, by = c("party", "district"))
    expect_equal(nrow(m), nrow(want))
    list(got = got, wrong = sum(m$seats.x != m$seats.y))
  }
  gr <- cells("ch-grisons-2022", threshold = "3%", winner_take_one = "every")
  expect_equal(gr$wrong, 0)
  expect_equal(attr(gr$got, "winner_take_one_not_applied"), "Rheinwald")
  expect_equal(cells("ch-grisons-2022", threshold = "3%")$wrong, 10)
  expect_equal(cells("ch-zug-2018", threshold = "3%", district_threshold = "5%")$wrong, 0)
  expect_error(ps_seats(c(A = 1), 1, winner_take_one = "every"),
               class = "powershare_usage_error")
})

test_that("power: the EEC Council of 1958 (Felsenthal and Machover)", {
  got <- ps_power(c(FR = 4, DE = 4, IT = 4, BE = 2, NL = 2, LU = 1), 12)
  expect_equal(got$banzhaf_exact, c("5/21", "5/21", "5/21", "1/7", "1/7", "0/1"))
  expect_equal(got$shapley_shubik_exact, c("7/30", "7/30", "7/30", "3/20", "3/20", "0/1"))
  expect_equal(got$banzhaf[1], 5 / 21)
  mc <- ps_power(c(4, 4, 4, 2, 2, 1), 12, exact = FALSE, samples = 20000, seed = 7)
  expect_true(all(abs(mc$banzhaf - c(5, 5, 5, 3, 3, 0) / 21) <= mc$banzhaf_half_width + 1e-12))
})

test_that("power in floating point: within its bounds of the exact fractions", {
  w <- (3 * (0:59)) %% 17 + 1
  q <- (sum(w) * 2) %/% 3 + 1
  ex <- ps_power(w, q, index = c("banzhaf", "penrose", "shapley_shubik"))
  fl <- ps_power(w, q, index = "all", method = "float")
  expect_false(attr(fl, "exact"))
  expect_false("holler" %in% names(fl))
  for (name in c("banzhaf", "penrose", "shapley_shubik")) {
    exact <- vapply(strsplit(ex[[paste0(name, "_exact")]], "/"),
                    function(f) as.numeric(f[1]) / as.numeric(f[2]), 0)
    bound <- fl[[paste0(name, "_error_bound")]]
    # the exact values as doubles are themselves off by half an ulp
    expect_true(all(abs(fl[[name]] - exact) <= bound + 2 * .Machine$double.eps * exact))
    expect_true(all(bound < 1e-12 * pmax(exact, 1e-6)))
  }
  expect_error(ps_power(c(1, 2), 2, method = "guess"), class = "powershare_usage_error")
})

test_that("power of a legislature equals the command line's fractions", {
  need_repo()
  for (path in c("data/iraq-2014.json", "tests/data/evaluate/ni-2007.json")) {
    leg <- ps_legislature(repo(path))
    got <- powershare:::.doc_power(leg, "all", TRUE, 0, 1)
    want <- cli_json("power", repo(path), "--index", "all")
    for (k in seq_along(want$parties)) {
      p <- want$parties[[k]]
      expect_equal(got$party[k], p$party)
      expect_equal(got$banzhaf_exact[k], p$banzhaf$fraction)
      expect_equal(got$shapley_shubik_exact[k], p$shapley_shubik$fraction)
    }
  }
})
