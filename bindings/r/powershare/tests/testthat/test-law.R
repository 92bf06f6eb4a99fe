# Whole electoral laws from R: every official result of tests/data/systems
# reproduced by ps_law(), the catalogue, and errors as R conditions.

test_that("ps_law reproduces the official results of the catalogue", {
  need_repo()
  cases <- list(c("il-knesset-2022", "il-knesset-2014", 120),
                c("nz-2023", "nz-mmp-1993", 122),
                c("no-storting-2021", "no-storting-2021", 169),
                c("se-riksdag-2022", "se-riksdag-2018", 349, "\u00d6VR"),
                c("gr-2023-06", "gr-vouli-2020", 300),
                c("sk-2020", "sk-narodna-rada-2014", 150),
                c("nl-tk2021", "nl-tweede-kamer-2017", 150))
  for (k in cases) {
    folder <- if (k[1] == "nl-tk2021") "apportion" else "systems"
    votes <- repo("tests", "data", folder, k[1], "votes.csv")
    # a fourth entry: the row that is no party (the small parties' votes);
    # results by constituency keep their totals in expected_party.csv
    others <- if (length(k) > 3) k[4] else character()
    expected <- if (k[1] == "se-riksdag-2022") "expected_party.csv" else "expected.csv"
    want <- utils::read.csv(repo("tests", "data", folder, k[1], expected),
                            encoding = "UTF-8", stringsAsFactors = FALSE)
    got <- ps_law(votes, k[2], others = others)
    seated <- got[got$seats > 0, ]
    expect_equal(seated$seats[match(want$party, seated$party)], want$seats, info = k[1])
    expect_equal(nrow(seated), nrow(want), info = k[1])
    expect_equal(attr(got, "house"), as.numeric(k[3]))
    frame <- utils::read.csv(votes, encoding = "UTF-8", stringsAsFactors = FALSE,
                             na.strings = character())
    expect_equal(ps_law(frame, k[2], others = others)$seats, got$seats, info = k[1])
  }
})

test_that("others count in the valid votes and win no seat", {
  need_repo()
  votes <- utils::read.csv(repo("tests/data/systems/gr-2023-06/votes.csv"),
                           encoding = "UTF-8", stringsAsFactors = FALSE)
  got <- ps_law(votes, "gr-vouli-2020")
  expect_equal(got$bonus[got$party == "New Democracy"], 50)
  expect_false(got$eligible[got$party == "Others"])
  votes$party[votes$party == "Others"] <- "small lists"
  again <- ps_law(votes, "gr-vouli-2020", others = "small lists")
  expect_equal(again$seats, got$seats)
  expect_gt(ps_law(votes, "gr-vouli-2020")$seats[votes$party == "small lists"], 0)
  expect_error(ps_law(votes, "gr-vouli-2020", others = "MeRA25"),
               class = "powershare_data_error")
})

test_that("a Dutch council takes its size, as each election gives it", {
  need_repo()
  for (k in list(c("druten", 17), c("reusel-de-mierden", 15), c("enkhuizen", 17))) {
    folder <- repo("tests", "data", "systems", paste0("nl-council-", k[1], "-2022"))
    got <- ps_law(file.path(folder, "votes.csv"), "nl-gemeenteraad-under-19-2017",
                  seats = as.numeric(k[2]))
    want <- utils::read.csv(file.path(folder, "expected.csv"), encoding = "UTF-8",
                            stringsAsFactors = FALSE)
    expect_equal(got$seats[match(want$party, got$party)], want$seats, info = k[1])
  }
  votes <- repo("tests/data/systems/nl-council-druten-2022/votes.csv")
  expect_error(ps_law(votes, "nl-gemeenteraad-under-19-2017"),
               class = "powershare_usage_error")
  expect_error(ps_law(votes, "gr-vouli-2020", seats = 17), class = "powershare_usage_error")
})

test_that("the Bundestag grows as the official house, Land list by Land list", {
  need_repo()
  for (k in list(c("2021", "de-bundestag-2020", 736), c("2017", "de-bundestag-2013", 709))) {
    folder <- repo("tests", "data", "systems", paste0("de-bundestag-", k[1]))
    land <- utils::read.csv(file.path(folder, "population.csv"), encoding = "UTF-8",
                            stringsAsFactors = FALSE)
    got <- ps_law(file.path(folder, "votes.csv"), k[2], district_seats = land)
    expect_equal(attr(got, "house"), as.numeric(k[3]))
    want <- utils::read.csv(file.path(folder, "expected.csv"), encoding = "UTF-8",
                            stringsAsFactors = FALSE)
    lists <- attr(got, "seats_in")
    key <- paste(lists$party, lists$district)
    expect_equal(lists$seats[match(paste(want$party, want$district), key)], want$seats,
                 info = k[1])
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
