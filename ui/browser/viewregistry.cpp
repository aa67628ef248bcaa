#include "ui/browser/viewregistry.h"

#include "ui/browser/datasource.h"
#include "ui/browser/views/imageview.h"
#include "ui/browser/views/plotview.h"
#include "ui/browser/views/tableview.h"
#include "ui/browser/views/textview.h"

#include <algorithm>

namespace ui {

ViewRegistry &ViewRegistry::instance()
{
    static ViewRegistry registry = [] {
        ViewRegistry builtIn;
        builtIn.add(ImageView::factory());
        builtIn.add(PlotView::factory());
        builtIn.add(TableView::factory());
        builtIn.add(TextView::factory());
        return builtIn;
    }();
    return registry;
}

void ViewRegistry::add(ViewFactory factory)
{
    m_factories.push_back(std::move(factory));
}

std::vector<const ViewFactory *> ViewRegistry::viewsFor(const DataSource &source) const
{
    std::vector<std::pair<int, const ViewFactory *>> scored;
    for (const ViewFactory &factory : m_factories)
        if (const int score = factory.priority(source); score > 0)
            scored.emplace_back(score, &factory);
    // Stable: views of equal score keep the order they were added in.
    std::stable_sort(scored.begin(), scored.end(), [](const auto &a, const auto &b) { return a.first > b.first; });
    std::vector<const ViewFactory *> views;
    for (const auto &[score, factory] : scored)
        views.push_back(factory);
    return views;
}

const ViewFactory *ViewRegistry::find(const QString &id) const
{
    for (const ViewFactory &factory : m_factories)
        if (factory.id == id)
            return &factory;
    return nullptr;
}

} // namespace ui
