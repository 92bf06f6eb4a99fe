# Multi-member plurality from R (SNTV, block vote): official results of the
# House of Councillors (Saitama 2010) and of Royal Sutton Coldfield's town
# council wards (2018), the same as the command line, a refused and a broken
# tie, and bad input as a data error at its line and column. The expected
# winners and figures are the sources' (tests/data/systems/*/SOURCES.md),
# not the program's output.

tie_table <- function()
  data.frame(district = "North", candidate = c("Zeta", "Alpha", "Mu"),
             party = c("P", "Q", "R"), votes = c(70, 50, 50), seats = c(2, NA, NA))

test_that("ps_plurality elects Saitama 2010's councillors (SNTV)", {
  need_repo()
  # Wikipedia, "Saitama at-large district", 2010 (Ministry of Internal Affairs):
  # three seats; the DPJ ran two candidates and the second lost by 13,017 votes
  r <- ps_plurality(repo("tests", "data", "systems", "jp-councillors-sntv",
                         "saitama-2010.csv"), seats = 3)
  expect_equal(attr(r, "count")$method, "sntv")
  won <- r[r$elected, ]
  expect_equal(won$candidate, c("Masakazu Sekiguchi", "Makoto Nishida", "Motohiro Ōno"))
  expect_equal(won$party, c("LDP", "Kōmeitō", "DPJ"))
  expect_equal(won$votes, c(655028, 594678, 557398))
  shimada <- r[r$candidate == "Chiyako Shimada", ]
  expect_false(shimada$elected)
  expect_equal(shimada$rank, 4)
  expect_equal(557398 - shimada$votes, 13017)
  p <- attr(r, "parties")
  expect_equal(p$candidates[p$party == "DPJ"], 2)
  expect_equal(p$seats[p$party == "DPJ"], 1)
  expect_equal(sum(p$seats), 3)
})

test_that("ps_plurality elects Vesey ward's five councillors (block vote)", {
  need_repo()
  # the Vesey ward declaration: Pocock, Puri, Cairns, Passey, Jolley elected,
  # Jolley fifth with 1,999 over Parry 1,710 and Farr 1,709
  t <- utils::read.csv(repo("tests", "data", "systems", "gb-sutton-coldfield-2018",
                            "candidates.csv"), encoding = "UTF-8", stringsAsFactors = FALSE)
  vesey <- t[t$district == "Vesey", c("district", "candidate", "party", "votes")]
  r <- ps_plurality(vesey, seats = c(Vesey = 5), method = "block-vote")
  expect_equal(attr(r, "count")$ballot, "as many votes as seats")
  expect_setequal(r$candidate[r$elected], c("Pocock Rob", "Puri Manish Kumar",
                                            "Cairns Janet", "Passey Louise",
                                            "Jolley Alison"))
  expect_equal(r$rank[match(c("Jolley Alison", "Parry Elizabeth Sarah", "Farr Thomas"),
                            r$candidate)], c(5, 6, 7))
  p <- attr(r, "parties")
  expect_equal(p$seats[match(c("Labour Party", "Conservative Party",
                               "Independents for Sutton"), p$party)], c(2, 3, 0))
})

test_that("ps_plurality agrees with the command line on all Sutton Coldfield wards", {
  need_repo()
  path <- repo("tests", "data", "systems", "gb-sutton-coldfield-2018", "candidates.csv")
  r <- ps_plurality(path, method = "block-vote")
  p <- attr(r, "parties")
  # the declarations: Conservative Party 21, Labour Party 3 of 24
  expect_equal(p$seats[match(c("Conservative Party", "Labour Party"), p$party)], c(21, 3))
  j <- cli_json("seats", "--method", "block-vote", path)
  expect_equal(attr(r, "count")$seats, j$seats)
  expect_equal(attr(r, "count")$votes_total, j$votes_total)
  expect_equal(r$elected, unlist(lapply(j$districts, function(d)
    vapply(d$candidates, function(c) c$elected, logical(1)))))
})

test_that("ps_plurality refuses a tie with a tie error, or breaks it as told", {
  e <- tryCatch(ps_plurality(tie_table()), powershare_tie_error = function(e) e)
  expect_s3_class(e, "powershare_error")
  expect_equal(e$code, -6L)
  expect_match(conditionMessage(e), "Alpha and Mu")
  expect_match(conditionMessage(e), "North")
  r <- ps_plurality(tie_table(), ties = "first")
  expect_equal(r$candidate[r$elected], c("Zeta", "Alpha"))
  expect_equal(attr(r, "ties")$tied, "Alpha;Mu")
  expect_equal(attr(r, "ties")$winners, "Alpha")
})

test_that("ps_plurality signals negative votes as a data error at the cell", {
  p <- tempfile(fileext = ".csv")
  writeLines(c("district,candidate,party,votes,seats", "A,x,P,10,1", "A,y,Q,-5,"), p)
  e <- tryCatch(ps_plurality(p), powershare_data_error = function(e) e)
  expect_s3_class(e, "powershare_error")
  expect_equal(c(e$line, e$column), c(3L, 7L))
  expect_equal(conditionMessage(e), paste0(p, ":3:7: 'votes' must not be negative, got -5"))
  t <- data.frame(district = "A", candidate = c("x", "y"), party = c("P", "Q"),
                  votes = c(10, -5), seats = c(1, NA))
  e <- tryCatch(ps_plurality(t), powershare_data_error = function(e) e)
  expect_equal(e$file, "<data.frame>")
  expect_equal(c(e$line, e$column, e$row), c(3L, 7L, 2L))
  expect_equal(e$column_name, "votes")
  expect_match(conditionMessage(e), "must not be negative.*row 2, column 'votes'")
})

test_that("ps_plurality asks for the seats it is not given", {
  t <- tie_table()[, c("district", "candidate", "party", "votes")]
  expect_error(ps_plurality(t), class = "powershare_usage_error")
  expect_error(ps_plurality(t, seats = 2), class = "powershare_usage_error")
  expect_error(ps_plurality(t, seats = c(North = 2, South = 1)),
               class = "powershare_data_error")
  expect_error(ps_plurality(tie_table(), method = "dhondt"), class = "powershare_usage_error")
})
