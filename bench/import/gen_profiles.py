#!/usr/bin/env python3
"""Writes a synthetic profile CSV for the import benchmark.

usage: gen_profiles.py ROWS OUT.csv [--dirty]

Clean: unique names, the full header, valid values. Dirty: 2% of rows carry one of the defects
the importer must catch (bad gender, misspelt or out-of-range age, unknown country, bad
probability, wrong column count, missing name, in-file duplicate) and a further share uses the
accepted variants (M/F, ages in words, country names, "85%"), so validation does real work.
"""
import random
import sys

COUNTRIES = [("NG", "Nigeria"), ("KE", "Kenya"), ("GH", "Ghana"), ("ZA", "South Africa"), ("EG", "Egypt"),
             ("US", "United States"), ("GB", "United Kingdom"), ("FR", "France"), ("BR", "Brazil"), ("IN", "India"),
             ("TZ", "Tanzania, United Republic of"), ("AO", "Angola"), ("CI", "Côte d'Ivoire")]
FIRST = ["Ada", "Bola", "Chidi", "Dayo", "Efe", "Funmi", "Gbenga", "Halima", "Ifeoma", "Jide", "Kemi", "Lola",
         "Musa", "Ngozi", "Obi", "Precious", "Quadri", "Rita", "Sade", "Tunde", "Uche", "Vera", "Wale", "Yemi", "Zainab"]
WORDS = {25: "twenty-five", 31: "Thirty One", 102: "one hundred and two", 17: "seventeen"}


def group(age):
    return "child" if age <= 12 else "teenager" if age <= 19 else "adult" if age <= 59 else "senior"


def main():
    rows = int(sys.argv[1])
    out = sys.argv[2]
    dirty = "--dirty" in sys.argv
    rnd = random.Random(42)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("name,gender,gender_probability,age,age_group,country_id,country_name,country_probability\n")
        for i in range(rows):
            name = f"{rnd.choice(FIRST)} Person{i}"
            gender = rnd.choice(("male", "female"))
            age = rnd.randint(0, 99)
            code, cname = rnd.choice(COUNTRIES)
            gp = f"{rnd.random():.2f}"
            cp = f"{rnd.random():.2f}"
            age_text = str(age)
            extra = ""
            if dirty:
                roll = rnd.random()
                if roll < 0.02:
                    defect = rnd.randrange(8)
                    if defect == 0:
                        gender = "robot"
                    elif defect == 1:
                        age_text = "twenty-fiv"
                    elif defect == 2:
                        age_text = "-4"
                    elif defect == 3:
                        code = "XX"
                    elif defect == 4:
                        gp = "1.7"
                    elif defect == 5:
                        extra = ",surplus"
                    elif defect == 6:
                        name = " "
                    else:
                        name = f"{FIRST[0]} Person{max(0, i - 1000)}"  # duplicate of an earlier row
                elif roll < 0.06:
                    gender = gender[0].upper()
                    if age in WORDS:
                        age_text = WORDS[age]
                    gp = f"{int(float(gp) * 100)}%"
            if "," in name:
                name = '"' + name + '"'
            cname_cell = '"' + cname + '"' if "," in cname else cname
            f.write(f"{name},{gender},{gp},{age_text},{group(age)},{code},{cname_cell},{cp}{extra}\n")


if __name__ == "__main__":
    main()
