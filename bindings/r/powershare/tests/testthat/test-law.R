# Whole electoral laws from R: every official result of tests/data/systems
# reproduced by ps_law(), the catalogue, and errors as R conditions.

test_that("ps_law reproduces the official results of the catalogue", {
  need_repo()
  cases <- list(c("il-knesset-2022", "il-knesset-2014", 120),
                c("nz-2023", "nz-mmp-1993", 122),
                c("no-storting-2021", "no-storting-2021", 169))
  for (k in cases) {
    votes <- repo("tests", "data", "systems", k[1], "votes.csv")
    want <- utils::read.csv(repo("tests", "data", "systems", k[1], "expected.csv"),
                            encoding = "UTF-8", stringsAsFactors = FALSE)
    got <- ps_law(votes, k[2])
    seated <- got[got$seats > 0, ]
    expect_equal(seated$seats[match(want$party, seated$party)], want$seats, info = k[1])
    expect_equal(nrow(seated), nrow(want), info = k[1])
    expect_equal(attr(got, "house"), as.numeric(k[3]))
    frame <- utils::read.csv(votes, encoding = "UTF-8", stringsAsFactors = FALSE,
                             na.strings = character())
    expect_equal(ps_law(frame, k[2])$seats, got$seats, info = k[1])
  }
})

test_that("leveling and overhang come back, and errors are conditions", {
  need_repo()
  no <- ps_law(repo("tests/data/systems/no-storting-2021/votes.csv"), "no-storting-2021")
  expect_equal(no$leveling[no$party == "SV"], 5)
  expect_true(all(c("il-knesset-2014", "nz-mmp-1993", "no-storting-2021") %in% ps_laws()))
  expect_error(ps_law(data.frame(party = "A", votes = 1), "nope"),
               class = "powershare_file_error")
  expect_error(ps_law(data.frame(party = "A", votes = 1), "nz-mmp-1993"),
               class = "powershare_data_error")
})
