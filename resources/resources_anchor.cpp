// The resources are attached to this library as object files by qt_add_resources; this
// translation unit only gives the static library something to hold.
namespace insighta::resources {
int anchor()
{
    return 0;
}
} // namespace insighta::resources
