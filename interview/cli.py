def main():
    print("leukodx")
